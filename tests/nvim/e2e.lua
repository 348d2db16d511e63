-- Driven by tests/nvim/run.sh: a headless Neovim with no user config, the server set up the
-- way a user would (vim.lsp.config + vim.lsp.enable), assertions on what the editor holds.

local bin = assert(os.getenv('CORROBORATE_BIN'), 'CORROBORATE_BIN')
local work = assert(os.getenv('NVIM_WORK'), 'NVIM_WORK')
local with_judge = os.getenv('CORROBORATE_E2E_JUDGE') == '1'

local function fail(msg)
  io.stderr:write('nvim e2e: FAIL: ' .. msg .. '\n')
  vim.cmd('cquit! 1')
end

local function ok(msg)
  io.stdout:write('nvim e2e: ok: ' .. msg .. '\n')
end

-- Claims: one absent from any corpus (unsupported with any judge), one copied verbatim from
-- the demo corpus (Alexander Gabuev's thread, 000_f6b3baf1f9aac04f.txt).
local absent = 'The lunar colony on Mars opened its third greenhouse in 2031.'
local copied = 'Russia has put its 2000 peacekeepers in NK - something that Moscow wanted to do back in 1994, but was unable to.'
local lines = {
  '# Draft 😀',
  '',
  'Flags 🇦🇲🇦🇿 and 中文 first. ' .. absent,
  '',
  copied,
}
local draft = work .. '/draft.md'
vim.fn.writefile(lines, draft)

vim.cmd('filetype on')
vim.lsp.config('corroborate', {
  cmd = { bin, 'lsp', '--stdio' },
  filetypes = { 'markdown' },
  root_markers = { 'corroborate.toml' },
})
vim.lsp.enable('corroborate')

vim.cmd.edit(draft)
local buf = vim.api.nvim_get_current_buf()
if vim.bo[buf].filetype ~= 'markdown' then
  fail('filetype of draft.md is ' .. vim.bo[buf].filetype)
end

if not vim.wait(15000, function()
  return #vim.lsp.get_clients({ bufnr = buf, name = 'corroborate' }) > 0
end, 20) then
  fail('the corroborate client never attached to the buffer')
end
ok('server attached')

-- Byte columns (0-based) of the absent claim, found by Lua string search, not by the server.
local claim_line = 2
local claim_col = assert(lines[claim_line + 1]:find(absent, 1, true)) - 1
local claim_end = claim_col + #absent

local function claim_diagnostic(line)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.lnum == line and d.col == claim_col then
      return d
    end
  end
end

if not vim.wait(30000, function() return claim_diagnostic(claim_line) ~= nil end, 20) then
  fail('no diagnostic at line ' .. claim_line .. ' col ' .. claim_col .. '; got ' .. vim.inspect(vim.diagnostic.get(buf)))
end
local d = claim_diagnostic(claim_line)
if d.end_lnum ~= claim_line or d.end_col ~= claim_end then
  fail(('diagnostic ends at %d:%d, expected %d:%d'):format(d.end_lnum, d.end_col, claim_line, claim_end))
end
if d.severity ~= vim.diagnostic.severity.WARN then fail('severity ' .. tostring(d.severity)) end
if d.source ~= 'corroborate' then fail('source ' .. tostring(d.source)) end
if d.code ~= 'unsupported' then fail('code ' .. tostring(d.code)) end
ok(('unsupported claim flagged at %d:%d-%d after emoji, flags and CJK'):format(claim_line, claim_col, claim_end))

-- Typing above the claim (an incremental change) moves its diagnostic down a line.
vim.api.nvim_buf_set_lines(buf, 1, 1, false, { 'Inserted line 🇺🇸.' })
if not vim.wait(10000, function() return claim_diagnostic(claim_line + 1) ~= nil end, 20) then
  fail('diagnostic did not follow the edit: ' .. vim.inspect(vim.diagnostic.get(buf)))
end
ok('diagnostic followed an incremental edit')
claim_line = claim_line + 1

local function hover_at(line, col)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = line, character = col }, -- the server negotiated UTF-8: bytes
  }
  local results = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, 10000)
  for _, r in pairs(results or {}) do
    if r.err then fail('hover error: ' .. vim.inspect(r.err)) end
    if r.result and r.result.contents then
      return r.result.contents.value or ''
    end
  end
  return nil
end

local client = vim.lsp.get_clients({ bufnr = buf, name = 'corroborate' })[1]
if client.offset_encoding ~= 'utf-8' then fail('offset encoding ' .. tostring(client.offset_encoding)) end

local text = hover_at(claim_line, claim_col + 4)
if not text or not text:find('Unsupported', 1, true) then
  fail('hover on the absent claim: ' .. vim.inspect(text))
end
ok('hover on the absent claim says Unsupported')

if with_judge then
  -- needs the real judge: the verbatim copy is judged against Gabuev's thread
  local copied_line = claim_line + 2
  local hover = hover_at(copied_line, 10)
  if not hover or not hover:find('Alexander Gabuev', 1, true) then
    fail('[judge] hover on the copied sentence does not name Alexander Gabuev: ' .. vim.inspect(hover))
  end
  local found
  for _, x in ipairs(vim.diagnostic.get(buf, { lnum = copied_line })) do
    if x.code == 'copied' then found = x end
  end
  if not found then fail('[judge] no "copied" diagnostic on line ' .. copied_line) end
  ok('[judge] copied sentence flagged, hover names Alexander Gabuev')
else
  io.stdout:write('nvim e2e: not run (--no-judge): [judge] checks (copied sentence, hover naming the analyst)\n')
end

vim.cmd('qall!')
