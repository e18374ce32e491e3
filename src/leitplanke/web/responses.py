"""HTTP responses for rendered bytes: media type, cache policy and, when negotiated, Vary."""

from fastapi import Response

from leitplanke.publish.publication import Artifact
from leitplanke.web.caching import SHORT


def artifact_response(
    artifact: Artifact, *, cache_control: str = SHORT, negotiated: bool = False
) -> Response:
    """The artifact's bytes with its media type; `negotiated` adds `Vary: Accept`.

    Starlette adds `charset=utf-8` to textual (`text/*`) media types that lack one.
    """
    headers = {"Cache-Control": cache_control}
    if negotiated:
        headers["Vary"] = "Accept"
    return Response(content=artifact.content, media_type=artifact.media_type, headers=headers)
