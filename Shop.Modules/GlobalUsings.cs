// The JSON path reader moved from Workflows to Kernel (Kernel/Json/JsonPath.cs) under the same type name. The engine's
// execution code calls it as plain `JsonPath` and is being rewritten in parallel; this one global alias lets that code
// compile untouched. New code says `using Shop.Modules.Kernel.Json;` where it needs the reader.
global using JsonPath = Shop.Modules.Kernel.Json.JsonPath;
