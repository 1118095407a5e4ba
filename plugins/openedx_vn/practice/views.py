"""Pages: a student's progress and parents' links (/vn/practice/progress/), the read-only page a parent opens
(/vn/practice/p/<token>/, no account), a class's mastery per outcome for its teachers
(/vn/practice/courses/<course key>/), scope-checked through schools.api."""

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.practice import api, progress
from openedx_vn.practice.models import PracticeAnswer
from openedx_vn.schools import api as schools_api


def _name(user_id):
    user = get_user_model().objects.filter(pk=user_id).first()
    return (user.get_full_name() or user.username) if user else str(user_id)


def _links(request, student_id):
    return [
        (link, request.build_absolute_uri(reverse("vn_practice:parent", args=[link.token])))
        for link in api.list_progress_links(student_id)
    ]


@login_required
def progress_page(request):
    """The signed-in student's own progress, and the links they gave their parents."""
    student_id = request.user.pk
    context = {
        "student": _name(student_id),
        "subjects": progress.student_progress(student_id),
        "links": _links(request, student_id),
        "own": True,
        "new_link": request.GET.get("link", ""),
    }
    return render(request, "openedx_vn/practice/progress.html", context)


def _days(request):
    try:
        days = int(request.POST.get("days", "30"))
    except ValueError:
        days = 0
    if not 1 <= days <= 365:
        raise PermissionDenied(_("The link must last between 1 and 365 days."))
    return days


@login_required
@require_POST
def issue_link(request):
    """A student gives a parent a link to their progress."""
    link = api.issue_progress_link(request.user.pk, request.user.pk, _days(request))
    return redirect(f"{reverse('vn_practice:progress')}?link={link.uuid}")


@login_required
@require_POST
def revoke_link(request, link_uuid):
    api.revoke_progress_link(link_uuid, request.user.pk)
    return redirect("vn_practice:progress")


def parent_page(request, token):
    """What a parent sees through a link: the same progress, read-only, without signing in."""
    try:
        student_id = api.student_for_token(token)
    except api.LinkError as exc:
        response = render(request, "openedx_vn/practice/link_refused.html", {"message": str(exc)}, status=403)
    else:
        context = {
            "student": _name(student_id),
            "subjects": progress.student_progress(student_id),
            "own": False,
        }
        response = render(request, "openedx_vn/practice/progress.html", context)
    response["Referrer-Policy"] = "no-referrer"  # the token stays out of other sites' logs
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    return response


def _course_for_teacher(request, course_key):
    if not request.user.is_authenticated:
        raise PermissionDenied
    try:
        link = curriculum_api.get_course_link(course_key)
    except curriculum_api.CurriculumError as exc:
        raise Http404(str(exc)) from exc
    if link is None:
        raise Http404(_("This course is not linked to a school yet."))
    if not (
        schools_api.is_teacher(request.user) and schools_api.can_view_school(request.user, link.school_code)
    ):
        raise PermissionDenied
    return link


def _students(course_key):
    rows = PracticeAnswer.objects.filter(course_key=str(course_key)).values_list("user_id", flat=True)
    return sorted(set(rows))


@login_required
def class_page(request, course_key):
    """The class's mastery per outcome of the course's subject × grade (teachers of the school)."""
    link = _course_for_teacher(request, course_key)
    students = _students(course_key)
    codes = [
        code
        for code, _title in progress.outcome_codes(curriculum_api.get_tree(link.subject_code, link.grade))
    ]
    practised = set(
        PracticeAnswer.objects.filter(course_key=str(course_key)).values_list("outcome_code", flat=True)
    )
    rows = api.class_mastery([code for code in codes if code in practised] or codes[:20], students)
    context = {
        "link": link,
        "rows": [(row, progress.bar(row.mastered, row.in_progress, row.not_started)) for row in rows],
        "students": [(student_id, _name(student_id)) for student_id in students],
        "course_key": course_key,
        "new_link": request.GET.get("link", ""),
        "new_link_url": request.GET.get("url", ""),
    }
    return render(request, "openedx_vn/practice/class.html", context)


@login_required
@require_POST
def teacher_issue_link(request, course_key, student_id):
    """A teacher gives a student's parents a link (the student practised in one of the teacher's courses)."""
    _course_for_teacher(request, course_key)
    if student_id not in _students(course_key):
        raise PermissionDenied
    link = api.issue_progress_link(student_id, request.user.pk, _days(request))
    url = request.build_absolute_uri(reverse("vn_practice:parent", args=[link.token]))
    query = urlencode({"link": student_id, "url": url})
    return redirect(f"{reverse('vn_practice:class', args=[course_key])}?{query}")
