"""Deputized: 287(g) agreement history, alerts and local action tools."""
