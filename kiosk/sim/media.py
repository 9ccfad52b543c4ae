"""VISTA's media service as the simulator serves it: a film's poster by its id.

``GET /CDN/media/entity/get/FilmPosterGraphic/{film_id}`` (the path most VISTA
installations use; no token, as a cinema's website loads it) answers a PNG for
films with an odd last digit in their id and 404 for the rest, so a kiosk shows
both posters and cards. The pictures are drawn here with Pillow, never with the
kiosk's own drawing code.
"""

from __future__ import annotations

import io
import zlib

from PIL import Image, ImageDraw

from kiosk.sim.store import SimFilm

POSTER_PATH = "/CDN/media/entity/get/FilmPosterGraphic/{film_id}"
WIDTH, HEIGHT = 400, 600


def has_poster(film: SimFilm) -> bool:
    return film.film_id[-1:].isdigit() and int(film.film_id[-1]) % 2 == 1


def poster_png(film: SimFilm) -> bytes:
    """A poster of bands in the film's own colours (the same film, the same picture)."""
    seed = zlib.crc32(film.film_id.encode())
    base = (seed & 0xFF, (seed >> 8) & 0xFF, (seed >> 16) & 0xFF)
    image = Image.new("RGB", (WIDTH, HEIGHT), base)
    draw = ImageDraw.Draw(image)
    for band in range(0, HEIGHT, 40):
        shade = tuple(min(255, c + band // 6) for c in base)
        draw.rectangle((0, band, WIDTH, band + 20), fill=shade)
    draw.ellipse((WIDTH // 4, HEIGHT // 5, WIDTH * 3 // 4, HEIGHT // 5 + WIDTH // 2), fill="white")
    draw.text((20, HEIGHT - 40), film.title_en or film.film_id, fill="white")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
