"""Write an OLX course outline (.tar.gz) for a subject × grade, ready for Studio's course import."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from openedx_vn.curriculum import api


class Command(BaseCommand):
    help = (
        "Generate an OLX course (chapters = strands, subsections = topics, tagged units) for Studio import."
    )

    def add_arguments(self, parser):
        parser.add_argument("subject", help="subject code, e.g. TOAN")
        parser.add_argument("grade", type=int)
        parser.add_argument("--org", default="VN")
        parser.add_argument("--number", help="course number (default: subject + grade, e.g. TOAN6)")
        parser.add_argument("--run", default="2025_2026")
        parser.add_argument("--textbook", default="", help="textbook series, shown in the course title")
        parser.add_argument("-o", "--output", type=Path, help="output file (default: <number>.tar.gz)")

    def handle(self, subject, grade, org, number, run, textbook, output, **options):
        number = number or f"{subject}{grade}"
        try:
            content = api.generate_course_outline(subject, grade, org, number, run, textbook)
        except api.CurriculumError as exc:
            raise CommandError(str(exc)) from exc
        output = output or Path(f"{number}.tar.gz")
        output.write_bytes(content)
        self.stdout.write(f"Wrote {output} ({len(content)} bytes): course-v1:{org}+{number}+{run}")
