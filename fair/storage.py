"""Static files: hashed and compressed after collectstatic, and still served before it."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Like whitenoise's, but a file missing from the manifest (or no manifest at all, before
    `collectstatic`) is linked by its plain name instead of failing the page with a 500;
    whitenoise then serves it from the source folders (WHITENOISE_USE_FINDERS)."""

    manifest_strict = False

    def stored_name(self, name: str) -> str:
        try:
            return super().stored_name(name)
        except ValueError:  # not collected: neither in the manifest nor in STATIC_ROOT
            return name
