"""Illustrative ceremony photos drawn with Pillow, so the demo needs no network or stock files."""

import io
import random

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1600, 1000


def ceremony_photo(seed, banner=(176, 18, 38), accent=(244, 196, 48)):
    """A JPEG (bytes) of a signing ceremony: banner, flowers, a table and the people at it."""
    rng = random.Random(seed)  # noqa: S311 -- deterministic drawing, not security
    image = Image.new("RGB", (WIDTH, HEIGHT), (236, 229, 214))
    draw = ImageDraw.Draw(image)
    # Hall wall with a soft vertical gradient.
    for y in range(HEIGHT):
        shade = int(236 - 40 * y / HEIGHT)
        draw.line([(0, y), (WIDTH, y)], fill=(shade, shade - 6, shade - 20))
    # Stage backdrop banner with lines of "text".
    draw.rectangle([140, 70, WIDTH - 140, 420], fill=banner)
    draw.rectangle([140, 70, WIDTH - 140, 90], fill=accent)
    for row, width in enumerate((900, 1100, 760)):
        left = (WIDTH - width) // 2
        draw.rounded_rectangle([left, 150 + row * 80, left + width, 190 + row * 80], radius=12, fill=accent)
    # Flowers on both sides.
    for centre_x in (90, WIDTH - 90):
        for _ in range(60):
            x, y = centre_x + rng.randint(-70, 70), 520 + rng.randint(-90, 90)
            r = rng.randint(10, 22)
            draw.ellipse(
                [x - r, y - r, x + r, y + r], fill=rng.choice([(214, 40, 57), (250, 210, 70), (255, 255, 255)])
            )
    # Signing table.
    draw.rectangle([260, 640, WIDTH - 260, 760], fill=(120, 20, 30))
    draw.rectangle([260, 640, WIDTH - 260, 660], fill=(250, 250, 245))
    # People: two signatories at the table, guests behind.
    for x in (560, WIDTH - 560):
        draw.ellipse([x - 55, 420, x + 55, 530], fill=(222, 184, 150))
        draw.rounded_rectangle([x - 110, 525, x + 110, 700], radius=40, fill=(34, 40, 52))
        draw.polygon([(x - 12, 530), (x + 12, 530), (x, 610)], fill=(250, 250, 250))
    for index in range(9):
        x = 260 + index * 135 + rng.randint(-20, 20)
        draw.ellipse([x - 32, 780, x + 32, 844], fill=(70, 52, 40))
        draw.rounded_rectangle(
            [x - 60, 840, x + 60, HEIGHT], radius=30, fill=rng.choice([(40, 48, 70), (90, 90, 100), (25, 60, 110)])
        )
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True)
    return buffer.getvalue()
