"""Install the top-level ``templates/`` folder inside the ``feedback`` package.

Everything else about the distribution lives in pyproject.toml.
"""

from setuptools import find_packages, setup

DATA = ["*.json", "*.txt", "*.zip", "*.css", "*.svg", "*.ini", "*.mako", "*.html", "README", "**/*.json",
        "**/*.txt", "**/*.zip", "**/*.css", "**/*.svg", "**/*.po", "**/*.pot", "**/*.mo", "**/*.cfg"]

setup(
    packages=find_packages(include=["feedback", "feedback.*", "surveys", "surveys.*", "analysis", "analysis.*"])
    + ["feedback.templates"],
    package_dir={"feedback.templates": "templates"},
    package_data={"": DATA, "feedback.templates": ["*.html", "**/*.html", "**/*.txt", "**/*.xml"],
                  "analysis": ["data/*.txt", "data/*.csv", "data/*.npz"],
                  "analysis.occupations": ["data/*.csv", "data/*.csv.gz", "data/*.csv.xz", "data/*.md"]},
)
