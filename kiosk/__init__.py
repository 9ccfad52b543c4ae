"""Self-service box-office kiosk for VISTA cinemas."""

__version__ = "0.1.0"
