"""The clinic's red flags as staff edit them: one sign per line, per urgency and language. No Qt.

Line N of every language is the same sign; a sign needs its line in the default language (the
validator requires it of every TEXT); a line left empty in another language is a missing
translation, which `check` warns about like any other.
"""

from __future__ import annotations

from dataclasses import replace

from massage_explorer.core.catalog import Catalog, RedFlag, Text, Urgency


def red_flag_lines(catalog: Catalog, urgency: Urgency) -> dict[str, str]:
    """Per language, the signs of that urgency, one per line (an empty line for a missing one)."""
    flags = [flag for flag in catalog.red_flags if flag.urgency is urgency]
    return {
        language: "\n".join(dict(flag.sign.pairs).get(language, "") for flag in flags)
        for language in catalog.languages
    }


def with_red_flags(catalog: Catalog, lines: dict[Urgency, dict[str, str]]) -> Catalog:
    """The catalog with its red flags made from `lines` (urgency -> language -> text), in the
    order of `Urgency` and of the lines; a sign with no default-language line is left out."""
    default = catalog.default_language
    flags: list[RedFlag] = []
    for urgency in Urgency:
        per_language = {
            language: text.split("\n") for language, text in lines.get(urgency, {}).items() if text.strip()
        }
        count = max((len(signs) for signs in per_language.values()), default=0)
        for index in range(count):
            values = {
                language: signs[index].strip()
                for language, signs in per_language.items()
                if index < len(signs) and signs[index].strip()
            }
            if values.get(default):
                ordered = [default, *(lang for lang in catalog.languages if lang != default)]
                pairs = tuple((lang, values[lang]) for lang in ordered if lang in values)
                flags.append(RedFlag(Text(pairs), urgency))
    return replace(catalog, red_flags=tuple(flags))
