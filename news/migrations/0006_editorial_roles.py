"""The editorial roles and the approval workflow (issue 5).

- Phóng viên (reporters): write and edit drafts, add photos and documents, submit for approval; never publish.
- Biên tập viên (editors): edit, approve and publish; manage the Author and Partner snippets.
- Quản trị (administrators): every permission, users and settings included.

Reporters and editors hold their page permissions on the home page, so they work in every
section; to keep a reporter to some sections, give a group the same permissions on those
sections only. The workflow "Duyệt bài" (one task, approved by Biên tập viên) is assigned to
the home page and so covers every news section.

Names and permissions are frozen here on purpose: a migration must not change when code does.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REPORTER = "Phóng viên"
EDITOR = "Biên tập viên"
ADMINISTRATOR = "Quản trị"
WORKFLOW = "Duyệt bài"
TASK = "Biên tập viên duyệt"

PAGE_PERMISSIONS = {
    REPORTER: ["add_page", "change_page"],
    EDITOR: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    ADMINISTRATOR: ["add_page", "change_page", "bulk_delete_page", "publish_page", "lock_page", "unlock_page"],
}
# (app label, codename) of model permissions.
MODEL_PERMISSIONS = {
    REPORTER: [
        ("wagtailadmin", "access_admin"),
        ("news", "view_author"),
        ("news", "view_partner"),
        ("news", "view_province"),
    ],
    EDITOR: [
        ("wagtailadmin", "access_admin"),
        ("news", "add_author"),
        ("news", "change_author"),
        ("news", "delete_author"),
        ("news", "view_author"),
        ("news", "add_partner"),
        ("news", "change_partner"),
        ("news", "delete_partner"),
        ("news", "view_partner"),
        ("news", "view_province"),
        ("news", "view_articlerating"),
    ],
}
COLLECTION_PERMISSIONS = {
    REPORTER: [("wagtailimages", "add_image"), ("wagtailimages", "choose_image"), ("wagtaildocs", "add_document"),
               ("wagtaildocs", "choose_document")],
    EDITOR: [("wagtailimages", "add_image"), ("wagtailimages", "change_image"), ("wagtailimages", "choose_image"),
             ("wagtaildocs", "add_document"), ("wagtaildocs", "change_document"), ("wagtaildocs", "choose_document")],
}  # fmt: skip
COLLECTION_PERMISSIONS[ADMINISTRATOR] = [
    (app_label, f"{action}_{model}")
    for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
    for action in ("add", "change", "delete", "choose")
]


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; the roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    HomePage = apps.get_model("home", "HomePage")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    def permission(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    home = HomePage.objects.order_by("path").first()
    root = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in (REPORTER, EDITOR, ADMINISTRATOR)}

    groups[ADMINISTRATOR].permissions.set(Permission.objects.all())
    for name, pairs in MODEL_PERMISSIONS.items():
        groups[name].permissions.add(*(permission(app_label, codename) for app_label, codename in pairs))
    for name, codenames in PAGE_PERMISSIONS.items():
        page = root if name == ADMINISTRATOR or home is None else Page.objects.get(pk=home.pk)
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=groups[name], page=page, permission=permission("wagtailcore", codename)
            )
    for name, pairs in COLLECTION_PERMISSIONS.items():
        for app_label, codename in pairs:
            GroupCollectionPermission.objects.get_or_create(
                group=groups[name], collection=root_collection, permission=permission(app_label, codename)
            )

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK, content_type=task_type, active=True)
    task.groups.set([groups[EDITOR]])
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    if home is not None:
        WorkflowPage.objects.update_or_create(page_id=home.pk, defaults={"workflow": workflow})


def remove_roles(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW).delete()
    apps.get_model("wagtailcore", "Task").objects.filter(name=TASK).delete()
    apps.get_model("auth", "Group").objects.filter(name__in=[REPORTER, EDITOR, ADMINISTRATOR]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0005_import_records"),
        ("home", "0003_create_homepage"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
