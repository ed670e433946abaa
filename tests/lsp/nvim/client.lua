-- Headless Neovim as a real LSP client: open a file, attach helpdesk-annotator, wait for
-- diagnostics, ask for a hover, write what came back as JSON, quit.
-- Neovim 0.7 (Debian 12) has no vim.lsp.start: start_client + buf_attach_client work on 0.7+.
local python = os.getenv("HA_PYTHON")
local file = os.getenv("HA_FILE")
local out = os.getenv("HA_OUT")
local line = tonumber(os.getenv("HA_LINE"))
local character = tonumber(os.getenv("HA_CHARACTER"))

vim.cmd("edit " .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = "helpdesk-annotator",
  cmd = { python, "-c", "from annotator.cli import main; main()", "lsp" },
  root_dir = vim.fn.fnamemodify(file, ":h"),
})
vim.lsp.buf_attach_client(buf, client_id)

local report = { diagnostics = {}, hover = vim.NIL }
vim.wait(90000, function() return #vim.diagnostic.get(buf) > 0 end, 100)
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local lsp = (d.user_data or {}).lsp or {}
  table.insert(report.diagnostics, {
    lnum = d.lnum, col = d.col, message = d.message, source = d.source, code = lsp.code or d.code,
  })
end

local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = line, character = character } }
local answers = vim.lsp.buf_request_sync(buf, "textDocument/hover", params, 30000) or {}
for _, answer in pairs(answers) do
  if answer.result then report.hover = answer.result end
end

vim.fn.writefile({ vim.fn.json_encode(report) }, out)
vim.lsp.stop_client(client_id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
vim.cmd("qa!")
