"""Printing: the durable print queue and its back-ends (CUPS, a PDF folder)."""
