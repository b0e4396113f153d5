"""Pure rules of the NPO Act: no Qt, no SQL, no clock, no files. ``today`` and settings are parameters."""
