"""Staff fields, the folded text for search without diacritics, the spool's idempotency key
and the unanswered questions; rows already there get their folded text."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fold_existing_texts(apps, schema_editor):
    from index.text import fold

    opinion = apps.get_model("opinions", "Opinion")
    rows = opinion.objects.using(schema_editor.connection.alias).filter(text_folded="")
    for row in rows.iterator():
        row.text_folded = fold(row.text)
        row.save(update_fields=["text_folded"])


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("opinions", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="UnansweredQuestion",
            fields=[
                (
                    "id",
                    models.AutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.CharField(editable=False, max_length=64, unique=True)),
                ("text", models.TextField(verbose_name="câu hỏi")),
                ("count", models.PositiveIntegerField(default=1, verbose_name="số lần hỏi")),
                ("first_seen", models.DateTimeField(verbose_name="lần đầu")),
                ("last_seen", models.DateTimeField(db_index=True, verbose_name="lần gần nhất")),
                ("channel", models.CharField(max_length=50, verbose_name="kênh gần nhất")),
            ],
            options={
                "verbose_name": "câu hỏi chưa trả lời được",
                "verbose_name_plural": "câu hỏi chưa trả lời được",
                "db_table": "unanswered_questions",
                "ordering": ["-count", "-last_seen"],
            },
        ),
        migrations.AlterModelOptions(
            name="opinion",
            options={
                "ordering": ["-created_at", "-id"],
                "permissions": [("view_contact", "Xem thông tin liên hệ của người góp ý")],
                "verbose_name": "góp ý",
                "verbose_name_plural": "góp ý",
            },
        ),
        migrations.AlterModelOptions(
            name="rating",
            options={
                "ordering": ["-created_at"],
                "verbose_name": "đánh giá câu trả lời",
                "verbose_name_plural": "đánh giá câu trả lời",
            },
        ),
        migrations.AddField(
            model_name="opinion",
            name="idempotency_key",
            field=models.CharField(editable=False, max_length=64, null=True, unique=True),
        ),
        migrations.AddField(
            model_name="opinion",
            name="note",
            field=models.TextField(blank=True, default="", verbose_name="ghi chú của cán bộ"),
        ),
        migrations.AddField(
            model_name="opinion",
            name="reviewed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="thời gian xử lý"),
        ),
        migrations.AddField(
            model_name="opinion",
            name="reviewed_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                to=settings.AUTH_USER_MODEL,
                verbose_name="người xử lý",
            ),
        ),
        migrations.AddField(
            model_name="opinion",
            name="spool_reference",
            field=models.CharField(editable=False, max_length=20, null=True, unique=True),
        ),
        migrations.AddField(
            model_name="opinion",
            name="target",
            field=models.CharField(
                blank=True, default="", max_length=500, verbose_name="chỉ tiêu / mục"
            ),
        ),
        migrations.AddField(
            model_name="opinion",
            name="text_folded",
            field=models.TextField(default="", editable=False),
        ),
        migrations.AlterField(
            model_name="opinion",
            name="channel",
            field=models.CharField(max_length=50, verbose_name="kênh"),
        ),
        migrations.AlterField(
            model_name="opinion",
            name="contact",
            field=models.CharField(blank=True, max_length=200, null=True, verbose_name="liên hệ"),
        ),
        migrations.AlterField(
            model_name="opinion",
            name="created_at",
            field=models.DateTimeField(db_index=True, verbose_name="thời gian gửi"),
        ),
        migrations.AlterField(
            model_name="opinion",
            name="respondent_group",
            field=models.CharField(
                blank=True, max_length=50, null=True, verbose_name="nhóm người gửi"
            ),
        ),
        migrations.AlterField(
            model_name="opinion",
            name="section",
            field=models.CharField(max_length=500, verbose_name="mục của báo cáo"),
        ),
        migrations.AlterField(
            model_name="opinion",
            name="sender_id",
            field=models.CharField(max_length=200, verbose_name="mã người gửi"),
        ),
        migrations.AlterField(
            model_name="opinion",
            name="status",
            field=models.CharField(
                choices=[
                    ("new", "mới"),
                    ("reviewed", "đã xem"),
                    ("forwarded", "đã chuyển"),
                    ("archived", "lưu trữ"),
                ],
                default="new",
                max_length=20,
                verbose_name="trạng thái",
            ),
        ),
        migrations.AlterField(
            model_name="opinion",
            name="text",
            field=models.TextField(verbose_name="nội dung"),
        ),
        migrations.AlterField(
            model_name="opinion",
            name="topic",
            field=models.CharField(
                blank=True, max_length=500, null=True, verbose_name="chủ đề người gửi nêu"
            ),
        ),
        migrations.AlterField(
            model_name="rating",
            name="channel",
            field=models.CharField(max_length=50, verbose_name="kênh"),
        ),
        migrations.AlterField(
            model_name="rating",
            name="created_at",
            field=models.DateTimeField(db_index=True, verbose_name="thời gian"),
        ),
        migrations.AlterField(
            model_name="rating",
            name="passage",
            field=models.TextField(verbose_name="đoạn trả lời"),
        ),
        migrations.AlterField(
            model_name="rating",
            name="question",
            field=models.TextField(verbose_name="câu hỏi"),
        ),
        migrations.AlterField(
            model_name="rating",
            name="section",
            field=models.CharField(max_length=500, verbose_name="mục của báo cáo"),
        ),
        migrations.AlterField(
            model_name="rating",
            name="sender_id",
            field=models.CharField(max_length=200, verbose_name="mã người gửi"),
        ),
        migrations.AlterField(
            model_name="rating",
            name="vote",
            field=models.IntegerField(verbose_name="đánh giá"),
        ),
        migrations.AddIndex(
            model_name="opinion",
            index=models.Index(fields=["sender_id", "created_at"], name="opinions_sender_time"),
        ),
        migrations.RunPython(fold_existing_texts, migrations.RunPython.noop),
    ]
