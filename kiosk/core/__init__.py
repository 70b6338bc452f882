"""The kiosk's headless core: cases, storage, configuration (and later letters, printing, sync).

Nothing in this package imports Qt: it runs from the command line, in tests without a display, and
under the Qt Quick UI, which only ever calls into it.
"""
