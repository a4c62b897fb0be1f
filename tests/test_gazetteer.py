"""The country gazetteer: which word leads to which ISO 3166-1 code."""

from __future__ import annotations

from generator.gazetteer import gazetteer


def test_every_gazetteer_form_maps_to_a_country_code() -> None:
    """YAML reads a bare NO as false: Norwegian and Oslo must map to "NO" (Norway), not False."""
    g = gazetteer()
    for table in (g.names, g.demonyms, g.cities):
        assert all(isinstance(code, str) and code for code in table.values())
    assert g.demonyms["norwegian"] == "NO"
    assert g.cities["oslo"] == "NO"


def test_short_forms_and_former_names_of_countries() -> None:
    g = gazetteer()
    forms = {"NZ": "NZ", "ROK": "KR", "KSA": "SA", "West Germany": "DE", "Brits": "GB"}
    assert {form: g.code_of(form) for form in forms} == forms
    assert g.code_of("East Germany") == "DD"  # a former country keeps its own code


def test_a_state_code_comes_from_a_country_or_demonym_never_a_city() -> None:
    g = gazetteer()
    assert (g.state_code("Russian"), g.state_code("Kenya")) == ("RU", "KE")
    assert g.code_of("Nairobi") == "KE" and g.state_code("Nairobi") is None
