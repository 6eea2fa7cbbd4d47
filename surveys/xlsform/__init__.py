"""XLSForm in and out: export a survey for ODK Collect, KoboToolbox and Enketo, read the instances they
send back, and import a form written there as a Chorus survey (pyxform, ODK's converter, does the XForm)."""
