"""The patron screens: views over view-models that emit the patron's intents."""
