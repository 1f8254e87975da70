"""The parts of the emergency detector (helpline/emergency.py puts them together).

- index: the phrase lists of every language, filed for lookup;
- context: who, when, state and intent cues read in a message;
- model: the small statistical second opinion and its committed weights;
- words: the words each language has, which a typo must not be read into;
- scripts: writing systems and clause ends, from locale/scripts.toml.
"""
