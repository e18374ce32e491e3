"""The web app's routes, one module per group of resources; each route only calls the library."""
