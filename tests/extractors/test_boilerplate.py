"""Boxes and credit lines inside an article are not the story (extractors/boilerplate.yaml)."""

from extractors.boilerplate import load_boilerplate
from extractors.text import extract_article

STORY = ("<p>Belarus freed 52 political prisoners on Thursday, including the journalist Ihar Losik, officials "
         "in Vilnius said. The group crossed into Lithuania by bus in the afternoon.</p>"
         "<p>Relatives waited for hours at the border crossing, where diplomats met the freed prisoners and "
         "took them to hospitals for check-ups.</p>")


def page(inside: str) -> str:
    return (f"<html><head><title>Belarus frees 52</title></head><body><article><h1>Belarus frees 52</h1>{STORY}"
            f"{inside}<p>The release followed months of talks, the officials said.</p></article></body></html>")


def test_credit_lines_are_dropped_and_the_story_kept():
    art = extract_article(page("<p>Reporting by Anna Kowalczyk in Vilnius; Editing by Piotr Nowak</p>"
                               "<p>— Staff writer Olga Brandt contributed to this report.</p>"))
    assert "Ihar Losik" in art.text and "months of talks" in art.text
    assert "Kowalczyk" not in art.text and "Olga Brandt" not in art.text


def test_a_promotional_infobox_inside_the_story_is_pruned():
    box = ('<div class="Infobox"><p><b>What to know about the vote</b></p><ul><li><b>Today\'s news:</b> '
           '<a href="/live">Follow live updates</a> with Maria Quinlan.</li></ul></div>')
    art = extract_article(page(box))
    assert "Maria Quinlan" not in art.text and "What to know" not in art.text
    assert "Ihar Losik" in art.text


def test_a_long_paragraph_that_mentions_contributing_is_story():
    b = load_boilerplate()
    assert b.is_credit("Reporting by Jan Kos; Editing by Ewa Lis")
    assert b.is_credit("Associated Press writer Tom Reyes in Kyiv contributed to this report.")
    long = "Lawyers who contributed reporting to the rights group said " + "the prisoners were held apart. " * 12
    assert not b.is_credit(long)
    assert not b.is_credit("Editing by hand is how the lists were made, the group said.")  # no name follows
