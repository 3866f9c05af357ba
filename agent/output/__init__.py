"""Exports of a finished story."""
