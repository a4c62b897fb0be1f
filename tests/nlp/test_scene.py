"""What attribution knows about one article, worked out once (nlp.scene).

Every fixture text here is invented for the test; nothing is copied from a corpus.
"""

from __future__ import annotations

from spacy.language import Language

from generator.model import PARAGRAPH, Article, Block
from generator.nlp.layout import article_layout
from generator.nlp.people import person_refs
from generator.nlp.quotes import marked_paragraphs
from generator.nlp.scene import Scene, article_scene, memoized


def scene_of(nlp: Language, *paragraphs: str) -> Scene:
    blocks = tuple(Block(f"p{n}", PARAGRAPH, text) for n, text in enumerate(paragraphs, 1))
    layout = article_layout(Article(id="a1", path="a1.md", title="Test", blocks=blocks))
    doc = nlp(layout.text)
    marked = marked_paragraphs(layout)
    sentences = [s for p in marked for s in p.sentences]
    quoted = [(f.start, f.end) for p in marked for f in p.quotes]
    return article_scene(doc, layout, person_refs(doc, layout), sentences, quoted)


def test_the_look_ups_agree_with_what_they_index(nlp: Language) -> None:
    scene = scene_of(
        nlp,
        "Finance Minister Ana Ruiz met Tomas Weller in Geneva. Mr Weller said “no”.",
        "Ruiz said the talks went well. Weller left.",
    )
    assert scene.sentence_starts == tuple(s for s, _ in scene.sentences)
    assert list(scene.named_tokens) == sorted(scene.token_person)
    for key, tokens in scene.tokens_of.items():
        assert list(tokens) == [i for i, k in scene.token_person.items() if k == key]
    assert {"finance", "minister"} <= scene.titles["ana-ruiz"]
    assert scene.genders == {"tomas-weller": "m", "ana-ruiz": "f"}  # "Mr", a given name


def test_a_gender_comes_from_an_honorific_before_a_given_name_and_never_from_a_surname(
    nlp: Language,
) -> None:
    scene = scene_of(
        nlp,
        "Mrs Robin Hale met Kim Park, Jean Lomax and Dr Ostrowski in Leeds.",
        "Hale and Park spoke first.",
    )
    assert scene.genders.get("robin-hale") == "f"  # the honorific over the name's data
    assert "kim-park" not in scene.genders  # a name given to both sexes
    assert "ostrowski" not in scene.genders  # a surname alone


def test_a_memo_is_made_once_per_scene_and_key(nlp: Language) -> None:
    scene = scene_of(nlp, "Ana Ruiz met Tomas Weller.")
    made: list[int] = []

    def make() -> int:
        made.append(1)
        return len(made)

    assert [memoized(scene, "k", make) for _ in range(3)] == [1, 1, 1]
    assert memoized(scene, "other", make) == 2
