import ui

repo = ui.frame("checkin")
