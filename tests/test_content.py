"""The curated library: complete, checked, safe, and content-as-code both ways."""

import filecmp
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError

from conditions.models import Cause, Condition, Resource, Source, Symptom
from strategies import library
from strategies.models import FAQ, Category, Context, Fact, Strategy
from tests.conftest import FIXTURES, all_slugs, if_match
from tests.test_read_api import RESOURCES

pytestmark = pytest.mark.django_db

# Article 000's 41 strategies: items 1-40 and the unnumbered "Visualization Techniques".
ARTICLE_000_STRATEGIES = [
    "mindfulness-meditation",
    "regular-physical-activity",
    "creative-expression",
    "social-interaction",
    "gratitude-journaling",
    "breathing-exercises",
    "time-in-nature",
    "balanced-diet",
    "sleep-hygiene",
    "positive-affirmations",
    "structured-routine",
    "mindful-eating",
    "hydration",
    "massage-therapy",
    "reading-and-learning",
    "music-therapy",
    "volunteer-work",
    "self-compassion",
    "therapeutic-touch",
    "laughter-therapy",
    "visualization-techniques",
    "physical-touch",
    "gardening",
    "dance-therapy",
    "body-scan-meditation",
    "art-therapy",
    "light-exposure",
    "affectionate-touch",
    "progressive-muscle-relaxation",
    "guided-imagery",
    "storytelling",
    "biofeedback",
    "cooking-and-baking",
    "pet-therapy",
    "mindful-walking",
    "acknowledge-emotions",
    "support-groups",
    "nature-sounds",
    "handcrafts-and-hobbies",
    "acceptance",
    "gratitude-practice",
]

THERAPIES = [
    "cognitive-behavioural-therapy",
    "dialectical-behaviour-therapy",
    "acceptance-and-commitment-therapy",
    "emdr-therapy",
    "psychodynamic-therapy",
    "twelve-step-programs",
    "group-therapy",
    "support-groups",
    "behavioural-activation",
    "exposure-therapy",
    "mindfulness-based-cognitive-therapy",
    "talk-therapy",
    "addiction-counselling",
]

MEDICINES = {
    "ssri-antidepressants": "SSRIs",
    "tricyclic-antidepressants": "Tricyclics",
    "mao-inhibitors": "MAO inhibitors",
    "antipsychotic-medication": "Antipsychotics",
    "combined-medication-therapy": "Combined therapy",
}

EXPECTED = {
    Condition: ["emotional-numbness", "depersonalization-derealization-disorder", "emotional-detachment"],
    Cause: [
        "gaba-glutamate-imbalance",
        "receptor-desensitisation",
        "trauma",
        "ptsd",
        "depression",
        "anxiety",
        "chronic-stress-and-cortisol",
        "burnout",
        "grief",
        "substance-use-and-addiction",
        "antidepressant-side-effects",
        "anti-anxiety-medication-side-effects",
        "antidepressant-discontinuation",
        "seizures",
        "eating-disorders-and-malnutrition",
        "postpartum-depression",
        "bipolar-disorder",
        "inherited-predisposition",
        "emotional-avoidance",
    ],
    Symptom: [
        "muted-emotions",
        "loss-of-pleasure",
        "feeling-empty",
        "feeling-detached",
        "limited-emotional-range",
        "loss-of-interest",
        "hopelessness",
        "existential-angst",
        "flat-affect",
        "difficulty-naming-emotions",
        "difficulty-concentrating",
        "memory-problems",
        "indecisiveness",
        "brain-fog",
        "fatigue",
        "slowed-reactions",
        "sleep-changes",
        "dulled-physical-sensations",
        "feeling-outside-your-body",
        "unreal-surroundings",
        "social-withdrawal",
        "isolation",
        "strained-relationships",
        "difficulty-empathising",
        "difficulty-committing",
        "seeming-preoccupied",
        "avoiding-reminders",
        "reduced-work-performance",
        "trouble-with-daily-tasks",
        "dropping-hobbies",
    ],
    Strategy: [
        *ARTICLE_000_STRATEGIES,
        *THERAPIES,
        *MEDICINES,
        "medication-review-with-prescriber",
        "identify-your-numbness-origins",
        "track-warning-signs",
        "build-professional-support-network",
        "online-therapy",
        "positive-reframing",
        "growth-mindset",
        "gradual-social-reconnection",
        "structured-group-activities",
        "build-trust-through-sharing",
        "celebrate-small-wins",
        "recovery-plan",
        "try-something-new",
        "start-a-journal",
        "do-things-you-used-to-enjoy",
        "daily-self-care",
        "honour-your-emotions",
        "leave-your-comfort-zone",
        "reduce-sources-of-stress",
        "emotion-vocabulary",
        "positive-influences",
        "strengthen-relationships",
        "aerobic-exercise",
        "strength-training",
        "mind-body-exercise",
        "loving-kindness-meditation",
        "play-a-musical-instrument",
        "track-emotional-growth",
        "set-realistic-expectations",
        "identify-negative-thought-patterns",
        "distress-tolerance-skills",
        "set-boundaries",
    ],
    Category: [
        "mindfulness",
        "physical-activity",
        "creative-expression",
        "social-connection",
        "self-care",
        "professional-help",
        "relaxation",
        "emotional-awareness",
        "nature",
        "touch-and-comfort",
        "positive-mindset",
        "thinking-skills",
        "medication",
    ],
    Context: [
        "benzodiazepine-withdrawal",
        "addiction-recovery",
        "trauma",
        "depression",
        "anxiety",
        "antidepressant-use",
        "grief",
        "chronic-stress",
    ],
    Source: [
        "emotional-blunting-benzodiazepine-withdrawal",
        "seven-steps-emotional-numbness",
        "betterhelp-overcome-emotional-numbness",
        "emotional-numbness-after-addiction",
        "allfit-well-emotional-numbing",
    ],
    FAQ: [
        "how-long-numbness-lasts-after-antidepressants",
        "can-meditation-worsen-numbness",
        "foods-and-supplements-for-numbness",
        "numbness-memory-and-thinking",
        "is-numbness-inherited",
        "can-bipolar-disorder-cause-numbness",
        "how-numbness-affects-mental-health",
        "can-ptsd-cause-numbness",
        "is-numbness-a-coping-mechanism",
        "can-antidepressants-cause-numbness",
        "treatment-options-for-numbness",
        "why-do-we-lose-the-ability-to-feel",
        "what-is-emotional-detachment",
        "what-causes-emotional-detachment",
        "does-emotional-blunting-go-away",
        "what-if-i-feel-no-emotions",
        "is-emotional-numbness-permanent",
        "can-medication-help-numbness",
        "how-long-recovery-takes-in-addiction-recovery",
        "not-comfortable-sharing-emotions",
        "will-i-feel-normal-again",
        "what-is-depersonalization-derealization",
        "is-blunting-in-benzodiazepine-withdrawal-temporary",
    ],
    Fact: [
        "adults-facing-trauma",
        "work-impairment",
        "household-difficulties",
        "financial-and-task-difficulties",
        "antidepressants-affecting-emotions",
        "pleasure-loss-prevalence",
        "social-withdrawal-prevalence",
        "mental-health-shortage-areas",
        "counties-without-psychiatrists",
        "mindfulness-depression-reduction",
        "ten-minutes-of-mindfulness",
        "support-and-stress-levels",
        "trust-and-mental-illness",
        "group-activities-distress",
        "inclusive-settings-participation",
        "recovery-through-support",
        "medication-failure-unhealthy-coping",
        "antidepressant-withdrawal-numbness-duration",
        "antidepressant-withdrawal-onset",
        "antidepressant-withdrawal-prolonged",
        "emotional-processing-heritability",
        "children-exposed-to-violence-study",
    ],
    Resource: ["samhsa-national-helpline", "988-suicide-and-crisis-lifeline", "emergency-services-911"],
}


# --- coverage: nothing silently disappears ---------------------------------------------


@pytest.mark.parametrize("model", EXPECTED, ids=lambda m: m.__name__)
def test_every_expected_item_is_published(api, model):
    resource = next(name for name, m in RESOURCES.items() if m is model)

    published = set(all_slugs(api, f"/api/v1/{resource}/"))

    assert set(EXPECTED[model]) - published == set()


def test_all_41_strategies_of_article_000_are_found_by_the_withdrawal_context(api):
    found = set(all_slugs(api, "/api/v1/strategies/", context="benzodiazepine-withdrawal"))

    assert len(ARTICLE_000_STRATEGIES) == 41
    assert set(ARTICLE_000_STRATEGIES) <= found


def test_every_strategy_has_a_category_summary_description_and_effort():
    for strategy in Strategy.objects.published().prefetch_related("categories"):
        assert strategy.categories.exists(), strategy.slug
        assert strategy.summary and strategy.description, strategy.slug
        assert strategy.effort in ("low", "medium", "high"), strategy.slug
        assert strategy.time_needed, strategy.slug


def test_the_medication_table_of_article_001_is_represented(api):
    for slug, drug_class in MEDICINES.items():
        body = api.get(f"/api/v1/strategies/{slug}/").json()
        assert drug_class.lower() in body["medication"]["drug_class"].lower(), slug
        assert body["medication"]["primary_use"] and body["medication"]["typical_timeline"], slug
        assert "seven-steps-emotional-numbness" in {s["slug"] for s in body["sources"]}


def test_the_emotional_numbness_screen_is_complete(api):
    body = api.get("/api/v1/conditions/emotional-numbness/").json()

    assert body["also_known_as"] == ["Emotional blunting", "Emotional numbing"]
    for key in ("causes", "symptoms", "strategies", "faqs", "facts", "sources", "related_conditions"):
        assert body[key], key
    assert {r["slug"] for r in body["resources"]} >= {
        "988-suicide-and-crisis-lifeline",
        "samhsa-national-helpline",
    }
    assert len(body["sources"]) == 5


def test_contexts_tag_causes_and_strategies_as_their_sources_support(api):
    benzo = {
        c["slug"]
        for c in api.get("/api/v1/causes/", {"context": "benzodiazepine-withdrawal"}).json()["results"]
    }

    assert {"gaba-glutamate-imbalance", "receptor-desensitisation"} <= benzo
    for context in EXPECTED[Context]:
        assert api.get("/api/v1/strategies/", {"context": context}).json()["count"] > 0, context


# --- safety is content -------------------------------------------------------------------


def test_every_condition_reaches_the_crisis_resources(api):
    for slug in EXPECTED[Condition]:
        resources = api.get(f"/api/v1/conditions/{slug}/").json()["resources"]
        kinds = {r["kind"] for r in resources}
        assert {"crisis", "emergency"} <= kinds, slug
        assert all(r["phone"] or r["sms"] or r["website"] for r in resources), slug


def test_the_crisis_lines_carry_their_numbers():
    assert Resource.objects.get(slug="samhsa-national-helpline").phone.replace("-", "").endswith("8006624357")
    lifeline = Resource.objects.get(slug="988-suicide-and-crisis-lifeline")
    assert lifeline.phone == lifeline.sms == "988"


def test_every_medicine_item_says_a_prescriber_decides(api):
    medicine_items = Strategy.objects.published().filter(categories__slug="medication")
    assert medicine_items.count() >= 6
    for strategy in medicine_items:
        cautions = " ".join(strategy.cautions.values_list("text", flat=True)).lower()
        assert "prescriber" in cautions or "doctor" in cautions, strategy.slug
        assert "abrupt" in cautions or "sudden" in cautions, strategy.slug


def test_benzodiazepines_are_never_advised_to_be_stopped_abruptly():
    review = Strategy.objects.get(slug="medication-review-with-prescriber")
    text = (review.description + " ".join(review.cautions.values_list("text", flat=True))).lower()

    assert "benzodiazepine" in text
    assert "abrupt" in text or "sudden" in text


def test_the_massage_caution_is_tied_to_benzodiazepine_withdrawal():
    cautions = Strategy.objects.get(slug="massage-therapy").cautions.filter(
        context__slug="benzodiazepine-withdrawal"
    )

    text = " ".join(cautions.values_list("text", flat=True)).lower()
    assert "deep" in text and "sports" in text and "neck" in text


@pytest.mark.parametrize(
    "slug", ["mindfulness-meditation", "body-scan-meditation", "loving-kindness-meditation"]
)
def test_meditation_carries_the_caution_that_it_can_deepen_numbness_at_first(slug):
    text = " ".join(Strategy.objects.get(slug=slug).cautions.values_list("text", flat=True)).lower()

    assert "numb" in text and ("worse" in text or "deepen" in text)


def test_figures_from_article_001_are_attributed_to_it():
    for fact in Fact.objects.filter(sources__slug="seven-steps-emotional-numbness"):
        assert "article" in fact.statement.lower(), fact.slug


def test_physical_numbness_treatments_are_left_out():
    everything = " ".join(
        [s.description for s in Strategy.objects.all()] + [f.answer for f in FAQ.objects.all()]
    ).lower()

    for out_of_scope in ("tumor", "tumour", "blood sugar", "nerve pain"):
        assert out_of_scope not in everything


@pytest.mark.skipif(
    not (FIXTURES.parent.parent / "shared" / "tools" / "own_words.py").exists(),
    reason="the source articles are not beside this checkout",
)
def test_no_sentence_is_copied_from_a_source_article():
    tool = FIXTURES.parent.parent / "shared" / "tools" / "own_words.py"

    result = subprocess.run(
        [sys.executable, str(tool), "12"], cwd=FIXTURES.parent, capture_output=True, text=True
    )

    assert result.returncode == 0, result.stdout


# --- checks that keep it true --------------------------------------------------------------


def test_the_content_passes_its_checks():
    call_command("check_content")


def _broken_copy(tmp_path: Path, folder: str, slug: str, change) -> Path:
    root = tmp_path / "fixtures"
    shutil.copytree(FIXTURES, root)
    path = root / folder / f"{slug}.yaml"
    data = yaml.safe_load(path.read_text())
    change(data, root)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    return root


def _dangling(data, root):
    data["categories"].append("no-such-category")


def _no_crisis_line(data, root):
    data["conditions"] = ["emotional-numbness"]
    emergency = root / "resources" / "emergency-services-911.yaml"
    other = yaml.safe_load(emergency.read_text())
    other["conditions"] = ["emotional-numbness"]
    emergency.write_text(yaml.safe_dump(other, sort_keys=False))


def _duplicate(data, root):
    (root / "strategies" / "massage-copy.yaml").write_text(yaml.safe_dump(data, sort_keys=False))


BROKEN = {
    "a published item without a source": ("strategies", "massage-therapy", lambda d, r: d.pop("sources")),
    "a strategy without a category": ("strategies", "massage-therapy", lambda d, r: d.pop("categories")),
    "a dangling slug": ("strategies", "massage-therapy", _dangling),
    "a duplicate slug": ("strategies", "massage-therapy", _duplicate),
    "an empty summary": ("causes", "grief", lambda d, r: d.update(summary="  ")),
    "a summary longer than a list row": ("symptoms", "fatigue", lambda d, r: d.update(summary="word " * 40)),
    "a strategy summary of two sentences": (
        "strategies",
        "hydration",
        lambda d, r: d.update(summary="Drink water. It helps."),
    ),
    "an FAQ without a context": ("faqs", "is-numbness-inherited", lambda d, r: d.pop("contexts")),
    "raw HTML in Markdown": ("faqs", "is-numbness-inherited", lambda d, r: d.update(answer="<b>Yes</b>")),
    "a condition without a crisis line": ("resources", "988-suicide-and-crisis-lifeline", _no_crisis_line),
}


@pytest.mark.parametrize("problem", BROKEN)
def test_check_content_fails_on(tmp_path, problem):
    folder, slug, change = BROKEN[problem]
    root = _broken_copy(tmp_path, folder, slug, change)

    with pytest.raises(CommandError):
        call_command("check_content", "--path", str(root))


def test_check_content_can_check_the_database_after_admin_edits():
    Strategy.objects.get(slug="gardening").categories.clear()

    with pytest.raises(CommandError):
        call_command("check_content", "--database")


def test_loading_twice_changes_nothing():
    before = {model: dict(model.objects.values_list("slug", "updated_at")) for model in RESOURCES.values()}

    report = library.load(FIXTURES)

    after = {model: dict(model.objects.values_list("slug", "updated_at")) for model in RESOURCES.values()}
    assert report.created == report.updated == 0
    assert after == before


def test_loading_updates_an_item_whose_file_changed(tmp_path):
    root = _broken_copy(tmp_path, "categories", "nature", lambda d, r: d.update(name="Nature outside"))

    report = library.load(root)

    assert (report.created, report.updated) == (0, 1)
    assert Category.objects.get(slug="nature").name == "Nature outside"


def test_load_then_export_gives_byte_identical_files(tmp_path):
    library.export(tmp_path)

    for kind in library.KINDS:
        comparison = filecmp.dircmp(FIXTURES / kind.folder, tmp_path / kind.folder)
        assert not comparison.left_only and not comparison.right_only, kind.folder
        _match, mismatch, errors = filecmp.cmpfiles(
            FIXTURES / kind.folder, tmp_path / kind.folder, comparison.common_files, shallow=False
        )
        assert not mismatch and not errors, (kind.folder, mismatch)


def test_export_writes_an_editors_change_and_removes_a_deleted_item(tmp_path):
    library.export(tmp_path)
    category = Category.objects.get(slug="nature")
    category.description = "Edited in admin.\r\nSecond line."
    category.save()
    FAQ.objects.filter(slug="is-numbness-inherited").delete()

    library.export(tmp_path)

    assert "Edited in admin.\n  Second line." in (tmp_path / "categories" / "nature.yaml").read_text()
    assert not (tmp_path / "faqs" / "is-numbness-inherited.yaml").exists()


def test_loading_again_keeps_what_an_editor_changed_since(reviewer_api):
    # Regression: make run's load_content silently undid reviewers' and editors' work.
    path = "/api/v1/strategies/gardening/"
    reviewer_api.patch(
        path, {"summary": "A reviewer's better summary."}, format="json", **if_match(reviewer_api, path)
    )

    report = library.load(FIXTURES)

    assert report.kept == ["strategies/gardening"]
    assert "kept because they were changed after loading" in str(report)
    assert Strategy.objects.get(slug="gardening").summary == "A reviewer's better summary."


def test_loading_with_force_replaces_what_an_editor_changed(reviewer_api):
    path = "/api/v1/strategies/gardening/"
    reviewer_api.patch(path, {"status": "archived"}, format="json", **if_match(reviewer_api, path))

    report = library.load(FIXTURES, force=True)

    assert report.kept == []
    assert Strategy.objects.get(slug="gardening").status == "published"
