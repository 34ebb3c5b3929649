// The patient timeline in Chromium over the demo cohort: find a patient in the list, open
// the record, filter to labs, zoom to a day and see the table follow, move the cut-off and
// hide what follows it, open and search a note, and scan for accessibility problems. Also
// the events API's contract (pages, bins, errors) and the access log of every view.
import AxeBuilder from "@axe-core/playwright";
import { request as playwrightRequest, type APIRequestContext, type Page } from "@playwright/test";
import { demoUser, expect, signInViaApi, test } from "./fixtures";

type ListedPatient = { id: string; externalId: string; events: number };
type EventPage = {
  kind: "events";
  events: { id: string; time: string; category: string }[];
  nextCursor: string | null;
  total: number | null;
};
type EventBins = { kind: "bins"; total: number; binCount: number; counts: Record<string, number[]> };

/** The busiest demo patient that has both labs and notes. */
async function patientWithLabsAndNotes(request: APIRequestContext): Promise<ListedPatient> {
  const list = await request.get("/api/patients?sort=events&order=desc&limit=20");
  expect(list.ok()).toBeTruthy();
  const { patients } = (await list.json()) as { patients: ListedPatient[] };
  expect(patients.length, "the demo cohort is loaded").toBeGreaterThan(0);
  for (const patient of patients) {
    const counts = await Promise.all(
      ["lab", "note"].map(async (category) => {
        const response = await request.get(`/api/patients/${patient.id}/events?category=${category}&limit=1`);
        return ((await response.json()) as EventPage).total ?? 0;
      }),
    );
    if (counts.every((count) => count > 0)) return patient;
  }
  throw new Error("no demo patient has both labs and notes");
}

/** Minute-precision UTC times as the UI prints them ("2150-03-01 08:00"). */
const minute = (text: string) => Date.parse(`${text.trim().replace(" ", "T")}:00Z`);

async function viewRange(page: Page): Promise<{ start: number; end: number }> {
  const text = (await page.getByTestId("view-range").textContent()) ?? "";
  const [start = "", end = ""] = text.match(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/g) ?? [];
  return { start: minute(start), end: minute(end) };
}

async function visibleRowTimes(page: Page): Promise<number[]> {
  const texts = await page.getByTestId("event-row").locator("[role=gridcell]:first-child").allTextContents();
  return texts.map(minute);
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

test.describe("patient timeline", () => {
  test("list, search, record: labs, a day, the table follows, cut-off, a note, no serious axe violations", async ({
    page,
    signInAs,
  }) => {
    test.setTimeout(120_000);
    await signInAs("clinician");
    const patient = await patientWithLabsAndNotes(page.request);

    // The list: search by subject id, open the record.
    await page.goto("/patients");
    expect(await seriousViolations(page)).toEqual([]);
    const search = page.getByLabel("Search", { exact: true });
    await search.fill(patient.externalId);
    await search.press("Enter");
    await expect(page).toHaveURL(new RegExp(`q=${patient.externalId}`));
    const link = page.getByTestId("patient-table").getByRole("link", { name: patient.externalId, exact: true });
    await expect(link).toBeVisible();
    await link.click();
    await expect(page).toHaveURL(new RegExp(`/patients/${patient.id}$`));
    const viewer = page.getByTestId("record-viewer");
    await expect(viewer.getByRole("heading", { level: 1 })).toContainText(patient.externalId);
    await expect(page.getByTestId("table-count")).toHaveText(/^[\d,]+ events?$/);
    await expect(page.getByTestId("trend-chart").first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // Filter to labs: the table holds labs only.
    const categories = page.getByRole("group", { name: "Categories" });
    await categories.getByRole("button", { name: "None", exact: true }).click();
    await categories.getByRole("button", { name: "Labs", exact: true }).click();
    await expect(categories.getByRole("button", { name: "Labs", exact: true })).toHaveAttribute("aria-pressed", "true");
    const rows = page.getByTestId("event-row");
    await expect
      .poll(async () => new Set(await rows.evaluateAll((all) => all.map((row) => row.getAttribute("data-category")))))
      .toEqual(new Set(["lab"]));
    const labsInRecord = Number((await page.getByTestId("table-count").textContent())!.replace(/\D/g, ""));

    // Select a lab, zoom to a day around it: the table follows to that day's labs.
    await rows.first().click();
    await expect(rows.first()).toHaveAttribute("aria-selected", "true");
    await page.getByRole("group", { name: "Zoom" }).getByRole("button", { name: "1 day" }).click();
    await expect(page.getByTestId("view-range")).toContainText("(1 d)");
    await expect
      .poll(async () => Number((await page.getByTestId("table-count").textContent())!.replace(/\D/g, "")))
      .toBeLessThanOrEqual(labsInRecord);
    const day = await viewRange(page);
    await expect
      .poll(async () => (await visibleRowTimes(page)).every((time) => time >= day.start && time <= day.end))
      .toBe(true);
    await expect(page.locator('[data-testid=event-row][aria-selected="true"]')).toBeVisible();

    // The keyboard zooms the timeline too.
    const plot = page.getByTestId("timeline-plot");
    await plot.focus();
    await page.keyboard.press("+");
    await expect(page.getByTestId("view-range")).toContainText("(12 h)");
    await page.keyboard.press("-");
    await expect(page.getByTestId("view-range")).toContainText("(1 d)");

    // The cut-off: set it, move it an hour with the keyboard; the URL carries it.
    await page.getByRole("button", { name: "Set here" }).click();
    await expect(page).toHaveURL(/cutoff=/);
    const first = Date.parse(new URL(page.url()).searchParams.get("cutoff")!);
    const slider = page.getByRole("slider", { name: "Cut-off" });
    await slider.focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => Date.parse(new URL(page.url()).searchParams.get("cutoff")!)).toBe(first + 3_600_000);
    await expect(page.getByTestId("cutoff-value")).toHaveValue(
      new Date(first + 3_600_000).toISOString().replace("T", " ").slice(0, 16),
    );

    // Hidden after the cut-off: nothing later reaches the table.
    await page.getByRole("checkbox", { name: "Hide after" }).check();
    await expect.poll(async () => (await visibleRowTimes(page)).every((time) => time <= first + 3_600_000)).toBe(true);
    await page.getByRole("checkbox", { name: "Hide after" }).uncheck();

    // A note: open it from the notes tab, read it, search it; the table selects it too.
    await categories.getByRole("button", { name: "All", exact: true }).click();
    await page.getByRole("tab", { name: "Notes" }).click();
    await page.getByRole("list", { name: "Notes" }).getByRole("button").first().click();
    const reader = page.getByTestId("note-reader");
    await expect(reader).toBeVisible();
    const text = (await reader.getByTestId("note-text").textContent()) ?? "";
    const word = text.match(/[A-Za-z]{6,}/g)?.[0] ?? "the";
    await page.getByLabel("Search notes").fill(word);
    await expect(reader.locator("mark").first()).toBeVisible();
    await expect(page.locator('[data-testid=event-row][aria-selected="true"]')).toHaveAttribute(
      "data-category",
      "note",
    );

    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("tab", { name: "Details" }).click();
    await expect(page.getByRole("tabpanel", { name: "Details" })).toContainText("Time (UTC)");
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("a trend value finds its row in the table", async ({ page, signInAs }) => {
    await signInAs("clinician");
    const patient = await patientWithLabsAndNotes(page.request);
    await page.goto(`/patients/${patient.id}`);
    const chart = page.getByTestId("trend-chart").first().getByRole("group");
    await chart.focus();
    await page.keyboard.press("End");
    const selected = page.locator('[data-testid=event-row][aria-selected="true"]');
    await expect(selected).toBeVisible();
    expect(["lab", "vital"]).toContain(await selected.getAttribute("data-category"));
  });

  test("a fast scroll reuses the table's rows (at most one made a frame), each at its place, in table order for assistive technology", async ({
    page,
    signInAs,
  }) => {
    await signInAs("clinician");
    const patient = await patientWithLabsAndNotes(page.request);
    await page.goto(`/patients/${patient.id}`);
    await expect(page.getByTestId("event-row").first()).toBeVisible();
    const total = Number((await page.getByTestId("table-count").textContent())!.replace(/\D/g, ""));
    expect(total, "enough rows to scroll through").toBeGreaterThan(400);

    // 400 px a frame for 12 frames, as the benchmark scrolls: 16 rows leave and 16 come each
    // frame, and keyed by event that made about 150 rows in the last 9 frames. Reused, a row is
    // made only when the view holds one more than before (a partial row at an edge), at most
    // one a frame; the first frames, when the rows above the view first appear, are not counted.
    const made = await page.getByTestId("event-table").evaluate(
      (table) =>
        new Promise<number>((resolve) => {
          let frame = 0;
          let made = 0;
          const observer = new MutationObserver((records) => {
            if (frame < 3) return;
            for (const record of records) {
              for (const node of record.addedNodes) {
                if (node instanceof HTMLElement && node.getAttribute("role") === "row") made++;
              }
            }
          });
          observer.observe(table, { childList: true, subtree: true });
          const step = () => {
            table.scrollTop += 400;
            if (++frame < 12) requestAnimationFrame(step);
            else requestAnimationFrame(() => (observer.disconnect(), resolve(made)));
          };
          requestAnimationFrame(step);
        }),
    );
    expect(made).toBeLessThanOrEqual(9);

    // The row group names its rows in table order: consecutive, ascending in time, each drawn at
    // its own row's offset, and covering what is on screen.
    const rows = await page.getByRole("rowgroup").evaluate((group) => {
      const ids = (group.getAttribute("aria-owns") ?? "").split(" ");
      return ids.map((id) => {
        const row = document.getElementById(id)!;
        return {
          index: Number(row.getAttribute("aria-rowindex")),
          time: row.querySelector("[role=gridcell]")!.textContent!,
          offset: new DOMMatrixReadOnly(getComputedStyle(row).transform).m42,
          parent: row.parentElement === group,
        };
      });
    });
    expect(rows.length).toBeGreaterThan(20);
    const first = rows[0].index;
    expect(first, "scrolled past the first rows").toBeGreaterThan(100);
    rows.forEach((row, i) => {
      expect(row.index).toBe(first + i);
      expect(row.offset).toBe((row.index - 2) * 24);
      expect(row.parent).toBe(true);
      if (i > 0) expect(minute(row.time)).toBeGreaterThanOrEqual(minute(rows[i - 1].time));
    });
    const scrollTop = await page.getByTestId("event-table").evaluate((table) => table.scrollTop);
    expect((first - 2) * 24).toBeLessThanOrEqual(scrollTop);
    expect((rows[rows.length - 1].index - 2) * 24).toBeGreaterThanOrEqual(scrollTop + 400);
  });

  test("dark mode follows the system and passes the same accessibility scan", async ({ page, signInAs }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await signInAs("clinician");
    const patient = await patientWithLabsAndNotes(page.request);
    await page.goto(`/patients/${patient.id}`);
    await expect(page.locator("html")).toHaveClass(/dark/);
    await expect(page.getByTestId("trend-chart").first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto("/patients");
    await expect(page.locator("html")).toHaveClass(/dark/);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("?cutoff= opens the record at that cut-off, shaded after it", async ({ page, signInAs }) => {
    await signInAs("annotator");
    const patient = await patientWithLabsAndNotes(page.request);
    const labs = (await (
      await page.request.get(`/api/patients/${patient.id}/events?category=lab&limit=1`)
    ).json()) as EventPage;
    const cutoff = labs.events[0].time;
    await page.goto(`/patients/${patient.id}?cutoff=${cutoff}`);
    await expect(page.getByRole("slider", { name: "Cut-off" })).toHaveAttribute(
      "aria-valuenow",
      String(Date.parse(cutoff)),
    );
    await expect(page.getByTestId("cutoff-value")).toHaveValue(cutoff.replace("T", " ").slice(0, 16));
  });
});

test.describe("opening a record", () => {
  test("the timeline's opening reads come with the page, for the view its address names; later views are fetched", async ({
    page,
    signInAs,
  }) => {
    await signInAs("clinician");
    const patient = await patientWithLabsAndNotes(page.request);
    const labs = (await (
      await page.request.get(`/api/patients/${patient.id}/events?category=lab&limit=1`)
    ).json()) as EventPage;
    const first = Date.parse(labs.events[0].time);
    const from = new Date(first - 6 * 3_600_000).toISOString();
    const to = new Date(first + 6 * 3_600_000).toISOString();
    const asked: string[] = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.pathname === `/api/patients/${patient.id}/events`) asked.push(url.search);
    });
    await page.goto(`/patients/${patient.id}?from=${from}&to=${to}&lanes=lab,vital`);
    // Marks drawn: the slice of the addressed view, read by the server with the page.
    await expect(page.locator('[data-testid="timeline-plot"] svg path[d]:not([d=""])').first()).toBeVisible();
    // The addressed 12 hours (moved inside the record if they ran past its start).
    await expect
      .poll(async () => {
        const range = await viewRange(page);
        return (
          Math.abs(range.end - range.start - 12 * 3_600_000) <= 60_000 && range.start <= first && first <= range.end
        );
      })
      .toBe(true);
    const opening = asked.filter((search) => search.includes("bins=") || search.includes("category=transfer"));
    expect(opening, "slice, overview and transfers came with the page").toEqual([]);
    // A view the page did not open at is the browser's to fetch.
    await page.getByTestId("timeline-plot").focus();
    await page.keyboard.press("0");
    await expect.poll(() => asked.filter((search) => search.includes("bins=")).length).toBeGreaterThan(0);
  });

  test("a record asks the server only for what it shows: the header's pages and the prediction form come when reached for", async ({
    page,
    signInAs,
  }) => {
    await signInAs("clinician");
    const patient = await patientWithLabsAndNotes(page.request);
    const asked: string[] = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      asked.push(url.pathname + url.search);
    });
    await page.goto(`/patients/${patient.id}`);
    await expect(page.getByTestId("trend-chart").first()).toBeVisible();
    await page.waitForLoadState("networkidle");
    const prefetched = () => asked.filter((path) => path.includes("_rsc="));
    expect(prefetched(), "no page of the header prefetched on sight").toEqual([]);
    expect(asked.filter((path) => path.startsWith("/api/tasks"))).toEqual([]);

    // Reached for: the pointer over "Runs" prefetches it; opening the form reads the tasks.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Runs" }).hover();
    await expect.poll(() => prefetched().some((path) => path.startsWith("/runs?"))).toBe(true);
    await page.getByText("New prediction for this patient").click();
    await expect(page.getByRole("form", { name: "New prediction" }).getByLabel("Task")).toBeVisible();
    await expect
      .poll(() => asked.filter((path) => path.startsWith(`/api/tasks?patientId=${patient.id}`)).length)
      .toBe(1);
  });
});

test.describe("events API", () => {
  test("pages by (time, id) without gaps, filters, bins, and refuses bad input", async ({ page, signInAs }) => {
    await signInAs("clinician");
    const patient = await patientWithLabsAndNotes(page.request);
    const base = `/api/patients/${patient.id}/events`;

    const ids: string[] = [];
    let cursor: string | null = null;
    let total: number | null = null;
    do {
      const response = await page.request.get(`${base}?limit=997${cursor ? `&cursor=${cursor}` : ""}`);
      expect(response.ok()).toBeTruthy();
      const body = (await response.json()) as EventPage;
      total ??= body.total;
      ids.push(...body.events.map((event) => event.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(ids.length).toBe(total);
    expect(new Set(ids).size).toBe(ids.length);

    const labs = (await (await page.request.get(`${base}?category=lab&limit=50`)).json()) as EventPage;
    expect(labs.events.every((event) => event.category === "lab")).toBe(true);

    const bins = (await (await page.request.get(`${base}?bins=50&limit=1`)).json()) as EventBins;
    expect(bins.kind).toBe("bins");
    expect(bins.total).toBe(total);
    const summed = Object.values(bins.counts).reduce((sum, series) => sum + series.reduce((a, b) => a + b, 0), 0);
    expect(summed).toBe(total);

    const small = (await (await page.request.get(`${base}?bins=50&limit=5000&category=note`)).json()) as EventPage;
    expect(small.kind).toBe("events");

    expect((await page.request.get(`${base}?from=2150-01-02&to=2150-01-01`)).status()).toBe(400);
    expect((await page.request.get(`${base}?category=nonsense`)).status()).toBe(400);
    expect((await page.request.get(`${base}?cursor=forged`)).status()).toBe(400);
    expect((await page.request.get(`/api/patients/${crypto.randomUUID()}/events`)).status()).toBe(404);
    expect((await page.request.get(`/api/patients/not-a-uuid/events`)).status()).toBe(404);
  });

  test("every patient view is in the access log: the page and the API, never the contents", async ({
    page,
    signInAs,
    baseURL,
  }) => {
    await signInAs("clinician");
    const patient = await patientWithLabsAndNotes(page.request);
    await page.goto(`/patients/${patient.id}`);
    await expect(page.getByTestId("table-count")).toHaveText(/events?$/);

    const admin = await playwrightRequest.newContext({ baseURL });
    await signInViaApi(admin, "admin", baseURL!);
    const log = (await (await admin.get(`/api/admin/access-log?resourceId=${patient.id}`)).json()) as {
      rows: { email: string | null; action: string; route: string | null; resourceType: string }[];
    };
    await admin.dispose();
    const mine = log.rows.filter((row) => row.email === demoUser("clinician").email);
    const routes = new Set(mine.map((row) => row.route));
    expect(routes).toContain("GET /patients/[id]");
    expect(routes).toContain("GET /api/patients/[id]/events");
    expect(mine.every((row) => row.action === "view" && row.resourceType === "patient")).toBe(true);
  });
});
