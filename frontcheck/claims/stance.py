"""Whose side a text speaks for when its claimant does not say: the words it calls each
side by. "The enemy" and "our troops" are the claimant's, not the language's: a Ukrainian
outlet writing in Russian ("УНИАН", "ТСН", "Интерфакс-Украина") means Russia by
"противник", and a Russian channel writing in Ukrainian means Ukraine by "ворог".

Who is called an occupier, invader, "рашист" or aggressor is the other side for the
writer, and so is who is called a militant, neo-Nazi or "the Kyiv regime"; "ЗСУ" and "Сили
оборони" are how Ukrainian writers name their forces (Russian media write "ВСУ"), "СВО"
and "спецоперация" how Russian writers name the war. A text using one side's words only
speaks for that side; with both or neither, nothing is told.
"""

from __future__ import annotations

import re

from frontcheck.claims.actors import claimant_side

__all__ = ["text_side", "default_side"]

_F = re.IGNORECASE

#: Words a Ukrainian writer uses: Russia's forces as occupiers, invaders, aggressors, and
#: the Ukrainian forces as "ours" by their Ukrainian names.
_UKRAINIAN_VOICE = re.compile(
    r"(?<![\w-])(?:окупант\w*|оккупант\w*|загарбник\w*|захватчик\w*|рашист\w*|орк(?:и|ів|ов|ам|ами)|"
    r"агресор\w*|агрессор\w*|країн\w*-агресор\w*|стран\w*-агрессор\w*|russian\s+invaders|"
    r"occupiers|invaders|orcs|зсу|сил\w*\s+оборони|силы\s+обороны\s+украины|"
    r"наш\w*\s+(?:захисник\w*|защитник\w*|воїн\w*|оборонц\w*))(?![\w-])", _F)
#: Words a Russian writer uses: the Ukrainian forces as militants, nationalists, "the
#: Kyiv regime", the war as a special operation.
_RUSSIAN_VOICE = re.compile(
    r"(?<![\w-])(?:боевик\w*|бойовик\w*|неонацист\w*|укронацист\w*|националист\w*|"
    r"киевск\w+\s+режим\w*|київськ\w+\s+режим\w*|вфу|сво|спецоперац\w*|"
    r"специальн\w+\s+военн\w+\s+операц\w*|kiev\s+regime|neo-?nazis?|ukrainian\s+militants)(?![\w-])",
    _F)


def text_side(text: str) -> str:
    """The side a text's own words speak for, or "".

    >>> text_side("Противник атакует, а наши защитники отражают штурмы оккупантов.")
    'ukraine'
    >>> text_side("Боевики ВСУ отступили, сообщили в штабе СВО.")
    'russia'
    >>> text_side("Russian forces captured the village.")
    ''
    """
    ukrainian = _UKRAINIAN_VOICE.search(text) is not None
    russian = _RUSSIAN_VOICE.search(text) is not None
    if ukrainian != russian:
        return "ukraine" if ukrainian else "russia"
    return ""


def default_side(claimant: str, text: str, language_side: str) -> str:
    """The side "we" and "the enemy" are read against where no sentence names its
    claimant: a claimant or publisher of known side, or the side its site's country speaks
    for ("rbc.ua"), else the text's own words, else the language's.

    >>> default_side("УНИАН", "Противник отступил, оккупанты несут потери.", "russia")
    'ukraine'
    >>> default_side("TASS", "ЗСУ отступили.", "russia")
    'russia'
    """
    return claimant_side(claimant) or text_side(text) or language_side
