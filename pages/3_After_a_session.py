import ui

repo = ui.frame("reflection")
