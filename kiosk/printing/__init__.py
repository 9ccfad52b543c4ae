"""Ticket printing: what a ticket says, how it is laid out, ESC/POS bytes, the device.

python-escpos is imported only through :mod:`kiosk.printing.escpos_cache` (by the
modules that talk ESC/POS: :mod:`~kiosk.printing.escpos` and
:mod:`~kiosk.printing.device`), never here: the printer's status and a ticket's
face are read by the flows and by ``kiosk buy``, which print nothing and must not
pay for escpos's printer database at every start.
"""
