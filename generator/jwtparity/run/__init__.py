"""Run stage: the engine, the images, the sandboxed containers and the one runner that feeds them."""
