/**
 * Security findings checked against the real server (issue 10): headers, refusals and limits
 * as a browser or an attacker's client meets them. Plain HTTP, no browser needed.
 */
import { describe, expect, test } from "vitest";
import { baseURL, DEMO_PASSWORD } from "./session.ts";

const form = (entries: Record<string, string>) => new URLSearchParams(entries).toString();

async function signInCookie(email: string): Promise<string> {
  const res = await fetch(`${baseURL}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseURL },
    body: form({ email, password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(302);
  return res.headers.get("set-cookie")!.split(";")[0]!;
}

describe("security findings, against the running server", () => {
  test("F13: signed-in pages and .data responses carry Cache-Control: no-store", async () => {
    const cookie = await signInCookie("focalpoint.ken@example.org");
    for (const path of ["/reports", "/reports.data", "/insights.data"]) {
      const res = await fetch(`${baseURL}${path}`, { headers: { Cookie: cookie }, redirect: "manual" });
      expect(res.headers.get("cache-control"), path).toBe("no-store");
    }
  });

  test("F20: a signed-in POST with neither Origin nor Sec-Fetch-Site is refused; F1: an X-Forwarded-Host unlike the Origin gets 403, not 500", async () => {
    const cookie = await signInCookie("focalpoint.ken@example.org");
    const bare = await fetch(`${baseURL}/logout`, { method: "POST", redirect: "manual", headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" }, body: "" });
    expect(bare.status).toBe(403);
    const forwarded = await fetch(`${baseURL}/forgot-password`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseURL, "X-Forwarded-Host": "evil.example" },
      body: form({ email: "focalpoint.ken@example.org" }),
    });
    expect(forwarded.status).toBe(403);
  });

  test("F17: the sixth wrong password gets 429 with Retry-After, on the page a browser without JavaScript gets", async () => {
    const email = `nobody.${Date.now()}@example.org`;
    let last: Response | undefined;
    for (let i = 0; i < 6; i++) {
      last = await fetch(`${baseURL}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseURL },
        body: form({ email, password: "not the password" }),
      });
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
