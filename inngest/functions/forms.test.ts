import fs from "node:fs";
import path from "node:path";
import { PDFDocument, PDFName } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestUser, routeParams, type TestUser } from "@/lib/auth/testing";
import { useTestDatabase } from "@/lib/db/testing";
import { startHarness, until, type Harness } from "@/lib/engine/testing/harness";
import { defaultPool } from "@/lib/forms";
import { editFormsFields, formsJobPaths, rewriteFormsJob } from "@/lib/forms/jobs";
import { PAGE_TURNS, pdfPart, simpleFormPdf, turnedFormPdf, turnRect, unwritablePdf, uploadRequest, useFormsTestEnv, type FormsTestEnv } from "@/lib/forms/jobs/testing";
import { createJob } from "@/lib/jobs";
import { saveFile } from "@/lib/storage";
import { GET as getFields, PUT as putFields } from "@/app/api/v1/forms/[id]/fields/route";
import { POST as upload } from "@/app/api/v1/forms/route";
import { GET as getJobEvents } from "@/app/api/v1/jobs/[id]/events/route";
import { DELETE as deleteJobRoute, GET as getJobRoute } from "@/app/api/v1/jobs/[id]/route";
import { GET as getResult } from "@/app/api/v1/jobs/[id]/result/route";
import { formsPdfUploaded } from "../events";
import { createFormsProcess } from "./forms-process";
import { createFormsRewrite } from "./forms-rewrite";
import { createJobsCleanup } from "./jobs-cleanup";
import { createJobsExpire } from "./jobs-expire";

/** Lets a test hold the rendering stage (to cancel a run in the middle); passes through otherwise. */
const gate = vi.hoisted(() => ({ held: null as Promise<void> | null, entered: 0, settled: 0 }));
vi.mock("@/lib/forms/pipeline/render-stage", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/forms/pipeline/render-stage")>();
  return {
    ...original,
    renderPages: async (input: Parameters<typeof original.renderPages>[0]) => {
      gate.entered++;
      try {
        if (gate.held) await gate.held;
        return await original.renderPages(input);
      } finally {
        gate.settled++;
      }
    },
  };
});

const database = useTestDatabase();
let env: FormsTestEnv;
let h: Harness;
let alpha: TestUser;

beforeAll(async () => {
  env = useFormsTestEnv();
  alpha = await createTestUser();
  h = await startHarness({ functions: (client) => [createFormsProcess(client), createFormsRewrite(client), createJobsExpire(client), createJobsCleanup(client)] });
}, 120_000);

afterAll(async () => {
  await h?.close();
  await defaultPool().close();
  env?.close();
});

type JobBody = { job_id: string; status: string; stage: string | null; progress: number; error?: { type: string; detail: string }; expires_at?: string; result_expired?: boolean };
type EventBody = { type: string; status: string; stage: string | null; progress: number; message: string | null; data: Record<string, unknown> | null };

const asAlpha = (url: string, method = "GET") => new Request(`http://localhost${url}`, { method, headers: { "x-api-key": alpha.apiKey } });
const job = async (id: string): Promise<JobBody> => (await getJobRoute(asAlpha(`/api/v1/jobs/${id}`), routeParams({ id }))).json();
const events = async (id: string): Promise<EventBody[]> =>
  ((await (await getJobEvents(asAlpha(`/api/v1/jobs/${id}/events`), routeParams({ id }))).json()) as { data: EventBody[] }).data;
const settled = (id: string, statuses = ["succeeded", "failed", "canceled"]) =>
  until(async () => {
    const j = await job(id);
    return statuses.includes(j.status) ? j : undefined;
  }, 60_000, `job ${id} to settle`);

async function uploadPdf(bytes: Uint8Array, filename = "Intake form.pdf"): Promise<string> {
  const res = await upload(uploadRequest([pdfPart(bytes, filename)], { as: alpha }));
  expect(res.status, await res.clone().text()).toBe(202);
  return ((await res.json()) as { job_id: string }).job_id;
}

const folderOf = (jobId: string) => formsJobPaths({ jobId, workspaceId: alpha.workspace.id }).dir;
const filesOf = (jobId: string) => database().prisma.storedFile.count({ where: { jobId } });

describe("forms-process on the real engine", () => {
  let succeededId: string;

  it("runs one step per stage in order with per-page progress, and the result downloads with its fields", async () => {
    const id = (succeededId = await uploadPdf(await simpleFormPdf(2)));
    const done = await settled(id);
    expect(done).toMatchObject({ status: "succeeded", stage: "writing", progress: 1 });

    const [run] = await h.waitForRuns("forms-process", 1, ["completed"]);
    expect(run.workspace_id).toBe(alpha.workspace.id);
    expect((await h.steps(run.id)).map((s) => s.name)).toEqual(["validating", "rendering", "detecting", "writing"]);

    const timeline = await events(id);
    const stages = timeline.map((e) => e.stage).filter((s, i, all): s is string => !!s && all.indexOf(s) === i);
    expect(stages).toEqual(["validating", "rendering", "detecting", "writing"]);
    expect(timeline[0]).toMatchObject({ type: "created", status: "queued" });
    expect(timeline.at(-1)).toMatchObject({ type: "succeeded", status: "succeeded", progress: 1 });
    const progress = timeline.map((e) => e.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    for (const [stage, verb] of [["rendering", "Rendering"], ["detecting", "Detecting fields on"], ["writing", "Writing fields on"]]) {
      const perPage = timeline.filter((e) => e.stage === stage && (e.data?.page as number) > 0).map((e) => e.message);
      expect(perPage).toEqual([`${verb} page 1 of 2`, `${verb} page 2 of 2`]);
    }

    const result = await getResult(asAlpha(`/api/v1/jobs/${id}/result`), routeParams({ id }));
    expect(result.status).toBe(200);
    expect(result.headers.get("content-type")).toBe("application/pdf");
    expect(result.headers.get("content-disposition")).toContain('filename="Intake form-fillable.pdf"');
    const pdf = await PDFDocument.load(new Uint8Array(await result.arrayBuffer()));
    const names = pdf.getForm().getFields().map((f) => f.getName()).sort();

    const fields = (await (await getFields(asAlpha(`/api/v1/forms/${id}/fields`), routeParams({ id }))).json()) as { fields: { name: string; type: string; page: number }[]; counts: Record<string, number> };
    expect(names).toEqual(fields.fields.map((f) => f.name).sort());
    expect(fields.counts).toEqual({ text: 6, checkbox: 4, signature: 2 });
    expect(names).toEqual(expect.arrayContaining(["full_name", "email_address", "phone", "signature", "are_you_a_current_customer_yes", "full_name_2"]));

    const record = await database().prisma.job.findUniqueOrThrow({ where: { id } });
    expect(record.result).toMatchObject({ page_count: 2, field_count: 12, fields_by_type: { text: 6, checkbox: 4, signature: 2 }, raster: "off" });
    const retention = record.expiresAt!.getTime() - record.finishedAt!.getTime();
    expect(retention).toBeGreaterThan(24 * 3_600_000 - 60_000);
    expect(retention).toBeLessThanOrEqual(24 * 3_600_000);
    // Page evidence served detection only; previews and fields stay for the page.
    expect(fs.existsSync(path.join(folderOf(id), "work", "pages"))).toBe(false);
    expect(fs.readdirSync(path.join(folderOf(id), "work", "previews"))).toEqual(["0001.jpg", "0002.jpg"]);
  }, 90_000);

  it("registers both forms functions with the same retries, concurrency caps and cancellation", async () => {
    type Row = { id: string; config: { concurrency?: unknown; cancel?: unknown }; max_attempts: number };
    const rows = await h.sql.query<Row>(
      `SELECT id, config, max_attempts FROM engine_functions WHERE id IN ('test-app-forms-process', 'test-app-forms-rewrite') ORDER BY id`,
    );
    expect(rows.map((r) => r.id)).toEqual(["test-app-forms-process", "test-app-forms-rewrite"]);
    for (const row of rows) {
      expect(row.max_attempts).toBe(3);
      expect(JSON.stringify(row.config.concurrency)).toContain('"limit":2');
      expect(row.config.concurrency).toEqual(expect.arrayContaining([expect.objectContaining({ key: "event.data.workspace_id" })]));
      expect(row.config.cancel).toEqual([expect.objectContaining({ event: "jobs/job.canceled", if: "async.data.job_id == event.data.job_id" })]);
    }
    // A rewrite runs forms-process's writing stage: it gets the same limits and stops the same way.
    expect(rows[1].config.concurrency).toEqual(rows[0].config.concurrency);
    expect(rows[1].config.cancel).toEqual(rows[0].config.cancel);
  });

  it("fails the job with a typed error when writing fails after the 202, removing every partial file", async () => {
    const id = await uploadPdf(await unwritablePdf(), "broken.pdf");
    const failed = await settled(id);
    expect(failed).toMatchObject({ status: "failed", error: { type: "PdfWriteError", detail: expect.stringMatching(/could not be written/) } });
    await until(async () => !fs.existsSync(folderOf(id)) && (await filesOf(id)) === 0, 10_000, "partial files to be removed");
    const runs = await h.runsOf("forms-process");
    const run = runs.find((r) => r.event.data.job_id === id)!;
    const writing = (await h.steps(run.id)).find((s) => s.name === "writing")!;
    expect(writing.attempts).toBe(1);
    expect((await events(id)).map((e) => e.stage)).toContain("writing");
  }, 90_000);

  it("fails with PdfParseError when the stored upload became unreadable after the 202", async () => {
    const workspaceId = alpha.workspace.id;
    const queued = await createJob({ workspaceId, createdById: alpha.user.id, kind: "forms", input: { filename: "gone.pdf", options: {}, page_count: 1 } });
    await saveFile({ workspaceId, jobId: queued.id, purpose: "input", filename: "gone.pdf", source: Buffer.from("%PDF-1.7\nthis is no longer a PDF"), contentType: "application/pdf" });
    await h.send(formsPdfUploaded.create({ job_id: queued.id, workspace_id: workspaceId }));
    expect(await settled(queued.id)).toMatchObject({ status: "failed", stage: "validating", error: { type: "PdfParseError" } });
    await until(async () => (await filesOf(queued.id)) === 0, 10_000, "the upload to be removed");
  }, 60_000);

  it("stops the run when the job is deleted mid-run, and removes what its last step wrote", async () => {
    let release!: () => void;
    gate.held = new Promise<void>((r) => (release = r));
    const entered = gate.entered;
    const id = await uploadPdf(await simpleFormPdf(2), "cancel-me.pdf");
    await until(async () => gate.entered > entered, 30_000, "the rendering stage to start");
    const run = (await h.runsOf("forms-process")).find((r) => r.event.data.job_id === id)!;

    const deleted = await deleteJobRoute(asAlpha(`/api/v1/jobs/${id}`, "DELETE"), routeParams({ id }));
    expect(deleted.status).toBe(204);
    expect((await h.waitForRun(run.id, ["cancelled"], 20_000)).status).toBe("cancelled");
    const settledBefore = gate.settled;
    gate.held = null;
    release();
    // The canceled step finds its job gone at its first page and stops; whatever it wrote goes a minute later.
    await until(async () => gate.settled > settledBefore, 30_000, "the canceled rendering step to stop");
    await until(async () => {
      const cleanup = (await h.runsOf("jobs-cleanup")).find((r) => r.event.data.job_id === id);
      return cleanup && (await h.steps(cleanup.id)).some((step) => step.status === "sleeping");
    }, 20_000, "jobs-cleanup to wait for the run to stop");
    await h.advance(61_000);
    await until(async () => {
      const cleanups = await h.runsOf("jobs-cleanup");
      const mine = cleanups.filter((r) => r.event.data.job_id === id);
      return mine.length > 0 && mine.every((r) => r.status === "completed") ? mine : undefined;
    }, 20_000, "jobs-cleanup to finish");
    expect(fs.existsSync(folderOf(id))).toBe(false);
    expect(await database().prisma.job.count({ where: { id } })).toBe(0);
    expect(await filesOf(id)).toBe(0);
    expect(await database().prisma.storedFile.count({ where: { filename: "cancel-me.pdf" } })).toBe(0);
  }, 90_000);

  it("expires results after FORMS_RETENTION: the cron deletes them and the job says so", async () => {
    const id = succeededId;
    expect(fs.existsSync(folderOf(id))).toBe(true);
    await database().prisma.job.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await h.advance(15 * 60_000);
    await until(async () => (await job(id)).result_expired === true, 20_000, "the result to expire");
    expect(await job(id)).toMatchObject({ status: "succeeded", result_expired: true, expired_at: expect.any(String) });
    expect((await getResult(asAlpha(`/api/v1/jobs/${id}/result`), routeParams({ id }))).status).toBe(410);
    expect((await getFields(asAlpha(`/api/v1/forms/${id}/fields`), routeParams({ id }))).status).toBe(410);
    await until(async () => !fs.existsSync(folderOf(id)), 10_000, "the job folder to go");
    expect(await filesOf(id)).toBe(0);
    expect((await events(id)).at(-1)).toMatchObject({ type: "expired" });
  }, 60_000);
});

describe("forms-rewrite on the real engine", () => {
  type ApiField = { name: string; type: string; page: number; box: { x: number; y: number; width: number; height: number }; label: string | null; source: string };
  const fieldsOf = async (id: string) => (await (await getFields(asAlpha(`/api/v1/forms/${id}/fields`), routeParams({ id }))).json()) as { fields: ApiField[]; last_edit?: Record<string, unknown>; counts: Record<string, number> };
  const put = (id: string, fields: unknown[]) =>
    putFields(
      new Request(`http://localhost/api/v1/forms/${id}/fields`, { method: "PUT", headers: { "x-api-key": alpha.apiKey, "content-type": "application/json" }, body: JSON.stringify({ fields }) }),
      routeParams({ id }),
    );
  const download = async (id: string) => {
    const res = await getResult(asAlpha(`/api/v1/jobs/${id}/result`), routeParams({ id }));
    expect(res.status).toBe(200);
    return PDFDocument.load(new Uint8Array(await res.arrayBuffer()));
  };
  /** Each widget's name and /Rect (PDF user space) in the downloaded PDF. */
  const widgets = (pdf: PDFDocument) =>
    new Map(pdf.getForm().getFields().map((f) => {
      const r = f.acroField.getWidgets()[0].getRectangle();
      return [f.getName(), r] as const;
    }));

  it("rebuilds the PDF from an edited list: fields deleted, renamed, moved and drawn; the timeline notes the edit", async () => {
    const id = await uploadPdf(await simpleFormPdf(1), "Edit me.pdf");
    expect(await settled(id)).toMatchObject({ status: "succeeded" });
    const before = await fieldsOf(id);
    const email = before.fields.find((f) => f.name === "email_address")!;
    const phone = before.fields.find((f) => f.name === "phone")!;
    const edited = before.fields
      .filter((f) => f !== email)
      .map((f) => (f === phone ? { ...f, name: "telephone", box: { ...f.box, x: f.box.x + 10, width: f.box.width - 10 } } : f));
    edited.push({ name: "initials", type: "text", page: 1, box: { x: 400, y: 40, width: 120, height: 20 }, label: "Initials", source: "manual" });
    const res = await put(id, edited);
    expect(res.status, await res.clone().text()).toBe(202);
    const accepted = (await res.json()) as { revision: string };

    const done = await settled(id);
    expect(done).toMatchObject({ status: "succeeded", progress: 1 });
    const [run] = await h.waitForRuns("forms-rewrite", 1, ["completed"]);
    expect((await h.steps(run.id)).map((s) => [s.name, s.attempts])).toEqual([["writing", 1]]);

    const pdf = await download(id);
    const rects = widgets(pdf);
    expect([...rects.keys()].sort()).toEqual(edited.map((f) => f.name).sort());
    // The page is 792 pt tall and unrotated: user y = 792 - (top + height).
    expect(rects.get("initials")).toEqual({ x: 400, y: 792 - 60, width: 120, height: 20 });
    const tel = rects.get("telephone")!;
    expect(tel.x).toBeCloseTo(phone.box.x + 10, 1);
    expect(tel.width).toBeCloseTo(phone.box.width - 10, 1);
    expect(pdf.getForm().getTextField("initials").acroField.dict.get(PDFName.of("TU"))).toBeDefined();

    const after = await fieldsOf(id);
    expect(after.fields.map((f) => f.name)).toEqual(edited.map((f) => f.name));
    expect(after.fields.find((f) => f.name === "telephone")!.source).toBe("manual");
    expect(after.last_edit).toMatchObject({ revision: accepted.revision, status: "applied", added: 1, removed: 1, changed: 1 });
    const timeline = await events(id);
    const edit = timeline.find((e) => e.type === "edited")!;
    expect(edit).toMatchObject({ status: "running", stage: "writing", data: expect.objectContaining({ added: 1, removed: 1, changed: 1, by_user_id: alpha.user.id }) });
    expect(timeline.at(-1)).toMatchObject({ type: "succeeded", message: expect.stringMatching(/after an edit/) });
    const record = await database().prisma.job.findUniqueOrThrow({ where: { id } });
    expect(record.result).toMatchObject({ field_count: edited.length, fields_by_type: { text: 3, checkbox: 2, signature: 1 } });
    expect(await database().prisma.storedFile.count({ where: { jobId: id, purpose: "result" } })).toBe(1);
    expect(fs.readdirSync(path.join(folderOf(id), "work", "edits"))).toEqual([]);
  }, 120_000);

  it("keeps the previous PDF and fields when the rebuild fails for good, and says so", async () => {
    const id = await uploadPdf(await simpleFormPdf(1), "Fragile.pdf");
    expect(await settled(id)).toMatchObject({ status: "succeeded" });
    const before = await fieldsOf(id);
    const previous = Buffer.from(await (await getResult(asAlpha(`/api/v1/jobs/${id}/result`), routeParams({ id }))).arrayBuffer());
    // The upload the rebuild starts from is damaged: writing cannot succeed, however often it is tried.
    const input = await database().prisma.storedFile.findFirstOrThrow({ where: { jobId: id, purpose: "input" } });
    fs.writeFileSync(path.join(env.storage.root, input.storageKey), "%PDF-1.7\nno longer a PDF");
    const res = await put(id, before.fields.slice(1));
    expect(res.status).toBe(202);
    await until(async () => (await fieldsOf(id)).last_edit?.status === "failed", 60_000, "the rebuild to fail");
    const after = await job(id);
    expect(after).toMatchObject({ status: "succeeded" });
    expect((await getJobRoute(asAlpha(`/api/v1/jobs/${id}`), routeParams({ id })).then((r) => r.json())).message).toMatch(/rebuild failed.*previous fillable PDF is still the result/);
    const kept = Buffer.from(await (await getResult(asAlpha(`/api/v1/jobs/${id}/result`), routeParams({ id }))).arrayBuffer());
    expect(kept.equals(previous)).toBe(true);
    expect((await fieldsOf(id)).fields).toEqual(before.fields);
    expect((await fieldsOf(id)).last_edit).toMatchObject({ status: "failed", error: { type: expect.any(String) } });
    const run = (await h.runsOf("forms-rewrite")).find((r) => r.event.data.job_id === id)!;
    expect((await h.steps(run.id)).find((s) => s.name === "writing")!.attempts).toBe(1);
    expect(fs.readdirSync(folderOf(id))).not.toContain("result.next.pdf");
  }, 120_000);

  it("round-trips rotated and cropped pages: GET agrees with the previews, and PUT boxes land where drawn", async () => {
    const id = await uploadPdf(await turnedFormPdf(), "Turned.pdf");
    expect(await settled(id)).toMatchObject({ status: "succeeded" });
    const got = (await (await getFields(asAlpha(`/api/v1/forms/${id}/fields`), routeParams({ id }))).json()) as {
      pages: { page: number; width: number; height: number; rotation: number; preview_width: number; preview_height: number }[];
      fields: ApiField[];
    };
    // Every page reads as the plain 612 x 792 page, and its preview has that shape.
    expect(got.pages.map((p) => [p.width, p.height, p.rotation])).toEqual(PAGE_TURNS.map((t) => [612, 792, t.rotate]));
    for (const p of got.pages) expect(p.preview_width / p.preview_height).toBeCloseTo(612 / 792, 2);
    const before = await download(id);
    const rectsBefore = widgets(before);
    const plain = got.fields.filter((f) => f.page === 1);
    for (let page = 2; page <= PAGE_TURNS.length; page++) {
      const boxes = got.fields.filter((f) => f.page === page).map((f) => f.box);
      expect(boxes).toHaveLength(plain.length);
      boxes.forEach((b, k) => expect(Math.abs(b.x - plain[k].box.x) + Math.abs(b.y - plain[k].box.y)).toBeLessThan(1));
    }

    const drawn = PAGE_TURNS.map((_, i) => ({ name: `drawn_${i + 1}`, type: "text", page: i + 1, box: { x: 400, y: 40, width: 120, height: 20 } }));
    const res = await put(id, [...got.fields, ...drawn]);
    expect(res.status, await res.clone().text()).toBe(202);
    expect(await settled(id)).toMatchObject({ status: "succeeded" });
    expect((await fieldsOf(id)).last_edit).toMatchObject({ status: "applied", added: PAGE_TURNS.length, removed: 0, changed: 0 });
    const rects = widgets(await download(id));
    // Fields sent back unchanged are written exactly where they were.
    for (const [name, rect] of rectsBefore) expect(rects.get(name), name).toEqual(rect);
    // The drawn box, (400, 40) 120 x 20 from the top-left of the page as shown, is at the same
    // place on every page: on the plain page that is user y 792 - 60; the others turn it.
    PAGE_TURNS.forEach((turn, i) => {
      const want = turnRect(turn, { x: 400, y: 792 - 60, width: 120, height: 20 });
      const rect = rects.get(`drawn_${i + 1}`)!;
      for (const k of ["x", "y", "width", "height"] as const) expect(rect[k], `page ${i + 1} ${k}`).toBeCloseTo(want[k], 1);
    });
  }, 150_000);

  it("a rebuild retried after a crash between its renames finishes from the list already in place", async () => {
    const id = await uploadPdf(await simpleFormPdf(1), "Crash.pdf");
    expect(await settled(id)).toMatchObject({ status: "succeeded" });
    const before = await fieldsOf(id);
    const ref = { jobId: id, workspaceId: alpha.workspace.id };
    const editor = { workspaceId: alpha.workspace.id, userId: alpha.user.id, name: null, email: alpha.user.email };
    // Queued without a run (a sender that drops the event), then the step's first attempt "crashed"
    // right after moving the edited list into fields.json.
    const edit = await editFormsFields(editor, id, { fields: before.fields.slice(2) as never }, async () => {});
    const work = path.join(folderOf(id), "work");
    fs.renameSync(path.join(work, "edits", `${edit.revision}.json`), path.join(work, "fields.json"));
    const done = await rewriteFormsJob(ref, edit.revision);
    expect(done.fieldCount).toBe(before.fields.length - 2);
    expect(await job(id)).toMatchObject({ status: "succeeded" });
    expect([...widgets(await download(id)).keys()].sort()).toEqual(before.fields.slice(2).map((f) => f.name).sort());
    // An edit whose list is gone entirely cannot be rebuilt: a typed, permanent error (the run then restores).
    const lost = await editFormsFields(editor, id, { fields: before.fields as never }, async () => {});
    fs.rmSync(path.join(work, "edits", `${lost.revision}.json`));
    await expect(rewriteFormsJob(ref, lost.revision)).rejects.toMatchObject({ type: "InputMissingError" });
  }, 90_000);
});
