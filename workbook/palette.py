"""The colours and the few drawing rules every chart shares, the Vega ones (`workbook.charts`) and the
one drawn as plain SVG (`workbook.drawing`): kept apart from both, so neither loads the other.

Colours are from the Okabe-Ito palette, which people with any common colour-vision difference can
tell apart; meaning never rests on colour alone (lines are also dashed or labelled).
"""

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
BLUE, ORANGE, GREEN = OKABE_ITO[:3]
ZONE = "#E69F00"
# The word "feedback" is written along each green line while there are this few: more would overlap.
WORDS_ON_MARKS = 24
