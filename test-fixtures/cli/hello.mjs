// An ES module: top-level await and export work.
export const greeting = await Promise.resolve("hello from a module");
console.log(greeting);
