"""Printed reports, CSV/XLSX export and import; they compute nothing of their own."""
