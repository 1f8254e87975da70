"""Write helpline/static/alert.wav: the dashboard's emergency chime, generated here so its origin is plain.

Two short sine tones (880 Hz then 660 Hz) with soft edges, 8 kHz mono 8-bit PCM: about 5 KB, loud
enough to notice over a quiet office, short enough not to startle. Run it again only to change the sound:
`python scripts/make_alert_sound.py`. Uses only the standard library.
"""

from __future__ import annotations

import math
import wave
from pathlib import Path

RATE = 8000
TONES = ((880.0, 0.18), (0.0, 0.06), (660.0, 0.28))  # (frequency, seconds); 0 Hz is a pause
FADE_SECONDS = 0.02
VOLUME = 0.6
TARGET = Path(__file__).resolve().parent.parent / "helpline" / "static" / "alert.wav"


def samples() -> bytes:
    out = bytearray()
    for frequency, seconds in TONES:
        count = int(RATE * seconds)
        fade = int(RATE * FADE_SECONDS)
        for n in range(count):
            envelope = min(1.0, n / fade, (count - n) / fade) if frequency else 0.0
            value = math.sin(2 * math.pi * frequency * n / RATE) * envelope * VOLUME
            out.append(128 + int(round(value * 127)))  # 8-bit WAV samples are unsigned, centred on 128
    return bytes(out)


def main() -> None:
    with wave.open(str(TARGET), "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(1)
        sound.setframerate(RATE)
        sound.writeframes(samples())
    print(f"wrote {TARGET} ({TARGET.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
