"use client";

// Inside the console the frame stays (navigation, profile menu): only the page area shows the failure.
export { default } from "../error";
