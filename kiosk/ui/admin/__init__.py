"""The staff admin screen, opened by a hidden corner gesture and a PIN.

The composition root calls :func:`install_admin` once with the window and the
services; everything else happens inside the window.
"""

from __future__ import annotations

from kiosk.ui.admin.controller import AdminController
from kiosk.ui.admin.services import AdminServices
from kiosk.ui.main_window import MainWindow


def install_admin(window: MainWindow, services: AdminServices) -> AdminController:
    """Add the PIN pad and admin screen to ``window`` and arm the corner gesture."""
    return AdminController(window, services)


__all__ = ["AdminController", "AdminServices", "install_admin"]
