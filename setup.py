"""Ship the repository's prompt_templates/ and references/ inside the package, as agent/_data/<folder>."""

from pathlib import Path
import shutil

from setuptools import setup
from setuptools.command.build_py import build_py

DATA_FOLDERS = ("prompt_templates", "references")


class BuildWithData(build_py):
    """Copy the data folders into the built package; agent/package_data.py finds them there."""

    def run(self):
        super().run()
        if self.editable_mode:  # an editable install reads the folders where they are
            return
        for name in DATA_FOLDERS:
            target = Path(self.build_lib) / "agent" / "_data" / name
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(name, target, ignore=shutil.ignore_patterns("__pycache__", ".*"))


setup(cmdclass={"build_py": BuildWithData})
