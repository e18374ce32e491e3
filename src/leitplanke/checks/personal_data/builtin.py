"""The built-in detectors, one family per module, in the order they are registered."""

from leitplanke.checks.personal_data import (
    address,
    bank,
    birth_date,
    email_address,
    file_reference,
    identity_documents,
    network,
    person,
    phone,
    special_category,
    tax,
    vehicle,
)
from leitplanke.checks.personal_data.detector import Detector

BUILT_IN: tuple[Detector, ...] = (
    *email_address.DETECTORS,
    *phone.DETECTORS,
    *bank.DETECTORS,
    *tax.DETECTORS,
    *identity_documents.DETECTORS,
    *vehicle.DETECTORS,
    *address.DETECTORS,
    *birth_date.DETECTORS,
    *network.DETECTORS,
    *file_reference.DETECTORS,
    *person.DETECTORS,
    *special_category.DETECTORS,
)
