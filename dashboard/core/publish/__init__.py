"""What a published time-lapse or still shows, decided without a browser: which days make
the frames and for how long, and the text around the map (date, title, changes, credits)."""

__all__: list[str] = []
