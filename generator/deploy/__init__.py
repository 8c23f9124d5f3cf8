"""The fifth stage: serving a built site (nginx, or a static host), from the data and the build."""
