import reversion
from django.db import models
from django.db.models import Q

from conditions.models import MARKDOWN_HELP, Cause, Condition, Source, Symptom
from numbapi.content import ContentModel, SummarisedContentModel, publish_permissions


@reversion.register()
class Category(ContentModel):
    """A kind of strategy: mindfulness, physical activity, professional help, …"""

    name = models.CharField(max_length=80, help_text="Shown as a tag, e.g. Mindfulness.")
    description = models.TextField(
        blank=True, help_text="What strategies in this category have in common." + MARKDOWN_HELP
    )

    class Meta(ContentModel.Meta):
        permissions = publish_permissions("category", "categories")
        ordering = ["name", "slug"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name


@reversion.register()
class Context(ContentModel):
    """A life situation someone is in, such as benzodiazepine withdrawal or grief."""

    name = models.CharField(max_length=80, help_text="Shown as a tag, e.g. Benzodiazepine withdrawal.")
    description = models.TextField(
        blank=True, help_text="The situation and how numbness shows up in it." + MARKDOWN_HELP
    )
    # Declared here rather than on Cause so that `conditions` never depends on `strategies`;
    # a cause reads its tags as `cause.contexts`.
    causes = models.ManyToManyField(
        Cause, related_name="contexts", blank=True, help_text="Causes that belong to this situation."
    )

    class Meta(ContentModel.Meta):
        permissions = publish_permissions("context", "contexts")
        ordering = ["name", "slug"]

    def __str__(self):
        return self.name


@reversion.register(follow=("steps", "cautions", "medication"))
class Strategy(SummarisedContentModel):
    """A coping strategy or treatment, with its steps and cautions."""

    class Effort(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"

    title = models.CharField(max_length=120, help_text="What to do, in a few words.")
    description = models.TextField(blank=True, help_text="How to do it and why it helps." + MARKDOWN_HELP)
    minutes = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Typical length of one session in minutes; empty for what is not a session.",
    )
    time_needed = models.CharField(
        max_length=120, blank=True, help_text="Time in plain words, e.g. 10 minutes a day."
    )
    effort = models.CharField(
        max_length=8, choices=Effort.choices, default=Effort.LOW, help_text="How hard it is to start."
    )
    categories = models.ManyToManyField(
        Category, related_name="strategies", blank=True, help_text="Kinds of strategy it belongs to."
    )
    contexts = models.ManyToManyField(
        Context, related_name="strategies", blank=True, help_text="Situations it is suited to."
    )
    conditions = models.ManyToManyField(
        Condition, related_name="strategies", blank=True, help_text="Conditions it helps with."
    )
    symptoms = models.ManyToManyField(
        Symptom, related_name="strategies", blank=True, help_text="Symptoms it helps with."
    )
    sources = models.ManyToManyField(
        Source, related_name="strategies", blank=True, help_text="The articles this draws on."
    )

    display_field = "title"

    publish_requirements = ("sources", "categories")

    class Meta(SummarisedContentModel.Meta):
        permissions = publish_permissions("strategy", "strategies")
        ordering = ["title", "slug"]
        verbose_name_plural = "strategies"
        constraints = [
            *SummarisedContentModel.Meta.constraints,
            models.CheckConstraint(
                condition=Q(effort__in=["low", "medium", "high"]), name="strategies_strategy_effort_valid"
            ),
            models.CheckConstraint(
                condition=Q(minutes__isnull=True) | Q(minutes__gte=1, minutes__lte=600),
                name="strategies_strategy_minutes_range",
                violation_error_message="Minutes must be between 1 and 600.",
            ),
        ]

    def __str__(self):
        return self.title

    def replace_steps(self, texts) -> None:
        """Make these the steps, in this order."""
        self.steps.all().delete()
        Step.objects.bulk_create(
            Step(strategy=self, position=i, text=text) for i, text in enumerate(texts, 1)
        )

    def replace_cautions(self, cautions) -> None:
        """Make these the cautions, in this order: (text, context or None) pairs."""
        self.cautions.all().delete()
        Caution.objects.bulk_create(
            Caution(strategy=self, position=i, text=text, context=context)
            for i, (text, context) in enumerate(cautions, 1)
        )

    def replace_medication(self, fields: dict | None) -> None:
        """Describe the medicine this strategy is, or (None) make it no medicine."""
        Medication.objects.filter(strategy=self).delete()
        if fields:
            Medication.objects.create(strategy=self, **fields)


@reversion.register()
class Step(models.Model):
    """One step of a strategy, in order."""

    strategy = models.ForeignKey(
        Strategy,
        on_delete=models.CASCADE,
        related_name="steps",
        help_text="The strategy this step belongs to.",
    )
    position = models.PositiveSmallIntegerField(help_text="Order of the step, from 1.")
    text = models.CharField(max_length=300, help_text="One short instruction.")

    class Meta:
        ordering = ["strategy", "position"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "position"], name="strategies_step_unique_position"),
        ]

    def __str__(self):
        return f"{self.position}. {self.text}"


@reversion.register()
class Caution(models.Model):
    """Text an app must show with a strategy, for everyone or in one context."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="cautions", help_text="The strategy it warns about."
    )
    position = models.PositiveSmallIntegerField(help_text="Order of the caution, from 1.")
    text = models.TextField(help_text="The caution, in plain words.")
    context = models.ForeignKey(
        Context,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cautions",
        help_text="The situation it applies to; empty means it applies to everyone.",
    )

    class Meta:
        ordering = ["strategy", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "position"], name="strategies_caution_unique_position"
            ),
        ]

    def __str__(self):
        return self.text[:60]


@reversion.register()
class Medication(models.Model):
    """What a medicine strategy is: guidance to discuss with a prescriber, never advice to act alone."""

    strategy = models.OneToOneField(
        Strategy,
        on_delete=models.CASCADE,
        related_name="medication",
        help_text="The strategy that is this medicine.",
    )
    drug_class = models.CharField(max_length=120, help_text="The type of medicine, e.g. SSRIs.")
    primary_use = models.CharField(max_length=200, help_text="What prescribers mainly use it for.")
    typical_timeline = models.CharField(
        max_length=120, help_text="How long it usually takes to judge whether it helps."
    )

    # What a medicine item says, in the order the API and the fixtures give it.
    FIELDS = ("drug_class", "primary_use", "typical_timeline")

    def __str__(self):
        return self.drug_class

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in self.FIELDS}


@reversion.register()
class FAQ(ContentModel):
    """A question people ask about numbness, answered in plain words."""

    question = models.CharField(max_length=200, help_text="The question, as a reader would ask it.")
    answer = models.TextField(help_text="The answer." + MARKDOWN_HELP)
    conditions = models.ManyToManyField(
        Condition, related_name="faqs", blank=True, help_text="Conditions it is about."
    )
    contexts = models.ManyToManyField(
        Context, related_name="faqs", blank=True, help_text="Situations it is about."
    )
    sources = models.ManyToManyField(
        Source, related_name="faqs", blank=True, help_text="The articles this draws on."
    )

    display_field = "question"

    publish_requirements = ("sources",)

    class Meta(ContentModel.Meta):
        permissions = publish_permissions("faq", "FAQs")
        ordering = ["question", "slug"]
        verbose_name = "FAQ"
        verbose_name_plural = "FAQs"

    def __str__(self):
        return self.question


@reversion.register()
class Fact(ContentModel):
    """A figure, such as a prevalence, tied to what it describes and to its source."""

    statement = models.CharField(
        max_length=300, help_text="One sentence that gives the figure and says who reports it."
    )
    figure = models.CharField(max_length=60, help_text="The figure as the source gives it, e.g. 72%.")
    conditions = models.ManyToManyField(
        Condition, related_name="facts", blank=True, help_text="What it describes."
    )
    causes = models.ManyToManyField(Cause, related_name="facts", blank=True, help_text="What it describes.")
    symptoms = models.ManyToManyField(
        Symptom, related_name="facts", blank=True, help_text="What it describes."
    )
    strategies = models.ManyToManyField(
        Strategy, related_name="facts", blank=True, help_text="What it describes."
    )
    sources = models.ManyToManyField(
        Source, related_name="facts", blank=True, help_text="Where the figure comes from."
    )

    display_field = "statement"

    publish_requirements = ("sources",)

    class Meta(ContentModel.Meta):
        permissions = publish_permissions("fact", "facts")
        ordering = ["statement", "slug"]

    def __str__(self):
        return self.statement
