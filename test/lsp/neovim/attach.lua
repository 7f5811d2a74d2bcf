-- Drives the SLA language server from Neovim 0.7 (Debian): attach, wait for diagnostics, hover.
local file = vim.env.SLA_FILE
local result_path = vim.env.SLA_RESULT
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
-- node <SLA_SERVER_OPTIONS> sla-language-server.cjs --stdio, as docs/editors.md tells users.
local cmd = { vim.env.SLA_NODE }
for _, option in ipairs(vim.split(vim.env.SLA_SERVER_OPTIONS or '', ' ', true)) do
  if option ~= '' then table.insert(cmd, option) end
end
table.insert(cmd, vim.env.SLA_SERVER)
table.insert(cmd, '--stdio')
local client_id = vim.lsp.start_client({
  name = 'sla',
  cmd = cmd,
  root_dir = vim.fn.fnamemodify(file, ':p:h'),
})
local result = { attached = false, diagnostics = {}, hover = vim.NIL }
if client_id then
  result.attached = vim.lsp.buf_attach_client(buf, client_id)
  vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(result.diagnostics, { lnum = d.lnum, col = d.col, severity = d.severity, message = d.message,
      code = (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or vim.NIL })
  end
  local client = vim.lsp.get_client_by_id(client_id)
  local line = tonumber(vim.env.SLA_HOVER_LINE)
  local character = tonumber(vim.env.SLA_HOVER_CHARACTER)
  local response = client.request_sync('textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = line, character = character },
  }, 10000, buf)
  if response and response.result and response.result.contents then
    result.hover = response.result.contents.value or response.result.contents
  elseif response and response.err then
    result.hover_error = response.err.message
  end
  client.stop()
  vim.wait(2000, function() return client.is_stopped() end, 50)
end
local f = io.open(result_path, 'w')
f:write(vim.fn.json_encode(result))
f:close()
vim.cmd('qa!')
