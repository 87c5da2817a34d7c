import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DistrictRow } from "../../schemas/districts.ts";
import type { DistrictThemeRow } from "../../schemas/district-themes.ts";
import type { HeadlineTargetRow } from "../../schemas/headline-targets.ts";
import type { TargetRow } from "../../schemas/targets.ts";
import { readDatasetInfo } from "../../pipeline/publish/dataset-info.ts";
import { buildSite } from "../../pipeline/site/build-site.ts";
import { serveSite } from "../../pipeline/site/serve-site.ts";
import { findQuantities } from "../../pipeline/targets/find-quantities.ts";
import { sharedBuild, snapshot, tempDir } from "../helpers.ts";

const { version } = readDatasetInfo();
// The suite's release, whose site/ publish wrote.
const RELEASE = join((await sharedBuild()).dist, `v${version}`);
// Debian's chromium, driven by playwright-core: no browser is downloaded.
const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

const table = async <T>(name: string): Promise<T[]> => JSON.parse(await readFile(join(RELEASE, `${name}.json`), "utf8"));
const number = new Intl.NumberFormat("en-US", { maximumFractionDigits: 6 });

describe("the explorer page of a release", () => {
  let site: string;
  let close: () => Promise<void>;
  let page: Page;
  const problems: string[] = [];
  const requested: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    site = join(RELEASE, "site");
    const [{ url, server }, context] = await Promise.all([
      serveSite(site),
      chromium.launchPersistentContext(join(await tempDir("chromium-"), "profile"), { executablePath: CHROMIUM, args: ARGS, headless: true }),
    ]);
    close = async () => {
      await context.close();
      await new Promise((resolve) => server.close(resolve));
    };
    page = context.pages()[0] ?? (await context.newPage());
    page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("requestfailed", (r) => problems.push(`failed: ${r.url()}`));
    page.on("response", (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
    page.on("request", (r) => requested.push(r.url()));
    page.on("request", (r) => !r.url().startsWith(url) && !r.url().startsWith("data:") && problems.push(`off-site request: ${r.url()}`));
    await page.goto(url);
    await page.waitForSelector("body[data-state=ready]");
  });
  afterAll(() => close?.());

  const settle = () => page.waitForSelector("body[data-state=ready]");

  it("loads with no console error and no failed request, and fetches no place's targets at start", async () => {
    expect(await page.textContent("#summary")).toMatch(new RegExp(`^Release v${version.replaceAll(".", "\\.")}: 38 articles`));
    expect(problems).toEqual([]);
    expect(requested.filter((u) => u.includes("/data/place/"))).toEqual([]);
  });

  it("shows the headline targets of gdp in 2024 as the release's rows, and a clicked row's sentence with its quantity marked", async () => {
    await page.selectOption("#indicator", "gdp");
    await settle();
    await page.selectOption("#year", "2024");
    await settle();
    const unit = await page.inputValue("#unit");
    const names = new Map((await table<DistrictRow>("districts")).map((d) => [d.district_id, d.name]));
    const expected = (await table<HeadlineTargetRow>("headline_targets"))
      .filter((r) => r.indicator === "gdp" && r.year === 2024 && r.unit === unit)
      .map((r) => [r.target_id, names.get(r.district_id), "2024", r.metric, number.format(r.value) + (r.value_high === null ? "" : `–${number.format(r.value_high)}`), unit]);
    expect(expected.length).toBe(20);
    const shown = await page.$$eval("#headline-tbody tr", (trs) =>
      trs.map((tr) => [tr.getAttribute("data-target-id"), ...[".place", ".year", ".metric", ".value", ".unit"].map((c) => tr.querySelector(c)!.textContent)]),
    );
    expect(shown).toEqual(expected);

    const row = (await table<TargetRow>("targets")).find((t) => t.target_id === expected[3]![0])!;
    await page.click(`#headline-tbody tr[data-target-id="${row.target_id}"]`);
    await page.waitForSelector(`body[data-evidence="${row.target_id}"]`);
    const quote = await page.$eval("#evidence .sentence", (q) => ({ text: q.textContent, before: q.querySelector("mark")!.previousSibling?.textContent ?? "", mark: q.querySelector("mark")!.textContent! }));
    expect(quote.text).toBe(row.sentence);
    // The marked text is a quantity of the sentence with the row's length and value, where the sentence has one.
    const at = [...quote.before].length;
    expect([...quote.mark].length).toBe(row.char_end - row.char_start);
    expect(findQuantities(row.sentence).map((q) => [[...row.sentence.slice(0, q.start)].length, q.text, q.value])).toContainEqual([at, quote.mark, row.value]);
    expect(problems).toEqual([]);
  });

  it("draws a place's theme profile, one bar per district_themes row", async () => {
    const place = "150702";
    const themes = (await table<DistrictThemeRow>("district_themes")).filter((t) => t.district_id === place);
    await page.selectOption("#year", "");
    await settle();
    await page.selectOption("#place", place);
    await settle();
    expect(await page.$$eval("#theme-chart svg g[aria-label=bar] rect", (bars) => bars.length)).toBe(themes.length);
    const headline = (await table<HeadlineTargetRow>("headline_targets")).filter((r) => r.district_id === place && r.indicator === "gdp" && r.unit === "percent");
    expect(await page.$$eval("#headline-tbody tr", (trs) => trs.map((tr) => tr.getAttribute("data-target-id")))).toEqual(headline.map((r) => r.target_id));
    // The place's targets table gives each value with its unit (5,000,000,000 CNY, never 5,000,000,000 亿元).
    const units = new Map((await table<TargetRow>("targets")).map((t) => [t.target_id, t.unit]));
    const shown = await page.$$eval("#place-tbody tr", (trs) => trs.map((tr) => [tr.getAttribute("data-target-id"), tr.querySelector(".unit")!.textContent]));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).toEqual(shown.map(([id]) => [id, units.get(id!)]));
    expect(problems).toEqual([]);
  });

  it("is the same bytes when built again from the same release, and SHA256SUMS lists every file of it", async () => {
    const again = join(await tempDir("site-again-"), "site");
    await buildSite(RELEASE, again);
    expect(await snapshot(again)).toEqual(await snapshot(site));
    const sums = new Map((await readFile(join(RELEASE, "SHA256SUMS"), "utf8")).trim().split("\n").map((l) => [l.slice(66), l.slice(0, 64)]));
    expect(Object.entries(await snapshot(site)).map(([path]) => [path, sums.get(`site/${path}`)])).toEqual(Object.entries(await snapshot(site)));
  });
});
