import { describe, expect, it } from "vitest";
import { compileExpression, evaluateExpression, ExpressionError, expressionKey, matchesExpression } from "./cel";

const event = { name: "app/order.paid", data: { order: "o1", amount: 25, price: 2.5, tags: ["a", "b"], user: { id: "u1" } } };

describe("CEL expressions", () => {
  it("evaluates what the SDK generates and the documented subset", () => {
    const async = { name: "app/x", data: { order: "o1", amount: 30 } };
    const yes = [
      "event.data.order == async.data.order",
      "event.data.order == async.data.order && async.data.amount > 10",
      "event.data.amount < 10 || async.data.amount >= 30",
      "event.data.amount == 25.0",
      "event.data.amount + 1 == 26",
      "event.data.price > 2",
      "'a' in event.data.tags",
      "'user' in event.data",
      "event.data.user.id.startsWith('u') && size(event.data.order) == 2",
      "event.data.tags.exists(t, t == 'b')",
      "event.name.matches('^app/')",
      "!(event.data.amount != 25)",
    ];
    for (const e of yes) expect(matchesExpression(e, { event, async }), e).toBe(true);
    expect(matchesExpression("event.data.order == async.data.order", { event, async: { data: { order: "o2" } } })).toBe(false);
  });

  it("treats a missing field as no match, never as a match", () => {
    expect(matchesExpression("event.data.missing == 'x'", { event })).toBe(false);
    expect(matchesExpression("event.data.missing != 'x'", { event })).toBe(false);
    expect(expressionKey("event.data.missing", { event })).toBe("null");
  });

  it("rejects malformed expressions and unknown functions at compile time", () => {
    expect(() => compileExpression("event.data.x ==")).toThrow(ExpressionError);
    expect(() => compileExpression("nosuchfn(event.data.x)")).toThrow(/nosuchfn/);
  });

  it("throws (and callers count no match) on type errors at evaluation", () => {
    expect(() => evaluateExpression("event.data.amount > 'a'", { event })).toThrow(ExpressionError);
  });

  it("turns key expressions into strings", () => {
    expect(expressionKey("event.data.user.id", { event })).toBe("u1");
    expect(expressionKey("event.data.amount", { event })).toBe("25");
    expect(expressionKey("event.data.tags", { event })).toBe('["a","b"]');
  });
});
