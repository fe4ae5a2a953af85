import ui

repo = ui.frame("settings")
