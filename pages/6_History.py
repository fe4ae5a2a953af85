import ui

repo = ui.frame("history")
