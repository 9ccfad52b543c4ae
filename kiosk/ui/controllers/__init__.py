"""Flow wiring: listen to the screens' signals, call the flows, fill the next screen."""
