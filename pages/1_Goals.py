import ui

repo = ui.frame("goals")
