-- corroborate for Neovim 0.11+: which sources support, contradict or were copied by each
-- sentence of a Markdown draft, from the `corroborate lsp` language server.
--
--   require('corroborate').setup({ corpus = { '~/analysis/sources' } })
--
-- setup() layers its options on lsp/corroborate.lua with vim.lsp.config() and enables the
-- server with vim.lsp.enable(); see :help corroborate. Everything else here runs the
-- server's own commands (workspace/executeCommand), so any editor gets the same answers.
local config = require('corroborate.config')

local M = {}

M.NAME = 'corroborate'

--- The plugin's own options (sources_view), as setup() left them.
M.options = vim.deepcopy(config.defaults)

--- Whether setup() ran, for :checkhealth.
M.did_setup = false

local function notify(message, level)
  vim.notify('corroborate: ' .. message, level or vim.log.levels.INFO)
end

--- @param opts? table see lua/corroborate/config.lua and :help corroborate-setup
function M.setup(opts)
  local plugin, lsp_config = config.resolve(opts)
  M.options = plugin
  M.did_setup = true
  vim.lsp.config(M.NAME, lsp_config)
  vim.lsp.enable(M.NAME)
  local cmd = vim.lsp.config[M.NAME].cmd
  if type(cmd) == 'table' and vim.fn.executable(cmd[1]) == 0 then
    notify(
      ('%s is not executable: install corroborate (cargo install --path .) or set `binary`; see :checkhealth corroborate'):format(cmd[1]),
      vim.log.levels.WARN
    )
  end
end

--- The corroborate client attached to `bufnr` (default: the current buffer).
--- @return vim.lsp.Client?
function M.client(bufnr)
  return vim.lsp.get_clients({ bufnr = bufnr or 0, name = M.NAME })[1]
end

local function any_client()
  return vim.lsp.get_clients({ name = M.NAME })
end

--- Changes server settings (the corroborate.toml keys) in every running client and for
--- clients started later; the server re-indexes or re-publishes as needed.
--- @param settings table e.g. { severity = { unsupported = 'error' } }
function M.update_settings(settings)
  settings = { corroborate = config.take_settings(vim.deepcopy(settings)) }
  vim.lsp.config(M.NAME, { settings = settings })
  for _, client in ipairs(any_client()) do
    client.settings = vim.tbl_deep_extend('force', client.settings or {}, settings)
    client:notify('workspace/didChangeConfiguration', { settings = client.settings })
  end
end

local function describe_root(r)
  if r.status == 'ready' then
    return ('%s: %d sources, %d sentences'):format(r.root, r.sources, r.sentences)
  end
  return ('%s: %s'):format(r.root, r.message or r.status)
end

--- Re-reads corroborate.toml and the corpus from disk (`corroborate.reindex`) for the
--- current draft's root, or every root with `all`; the open drafts are checked again.
--- @param opts? { all?: boolean, bufnr?: integer, on_done?: fun(err: table?, roots: table[]?) }
function M.reindex(opts)
  opts = opts or {}
  local bufnr = opts.bufnr or vim.api.nvim_get_current_buf()
  local client = M.client(bufnr)
  local arguments = {}
  if client and not opts.all then
    arguments = { { uri = vim.uri_from_bufnr(bufnr) } }
  end
  local clients = client and { client } or any_client()
  if #clients == 0 then
    notify('no corroborate server is running (open a Markdown draft first)', vim.log.levels.WARN)
    return
  end
  for _, c in ipairs(clients) do
    c:exec_cmd({ title = 'Re-index', command = 'corroborate.reindex', arguments = arguments }, { bufnr = bufnr }, function(err, roots)
      if err then
        notify('re-index failed: ' .. (err.message or vim.inspect(err)), vim.log.levels.ERROR)
      else
        roots = roots or {}
        local failed = vim.tbl_filter(function(r)
          return r.status == 'failed'
        end, roots)
        local lines = vim.tbl_map(describe_root, roots)
        local level = #failed > 0 and vim.log.levels.ERROR or vim.log.levels.INFO
        notify('re-indexed ' .. (#lines > 0 and table.concat(lines, '; ') or 'nothing (no roots)'), level)
      end
      if opts.on_done then
        opts.on_done(err, roots)
      end
    end)
  end
end

--- Shows the sources of the sentence under the cursor (`corroborate.showSources`) in the
--- quickfix list (one entry per source, best first, each opening the source at that
--- sentence) or in a floating window.
--- @param opts? { view?: 'quickfix'|'float', on_done?: fun(err: table?, result: table?) }
function M.show_sources(opts)
  opts = opts or {}
  local view = opts.view or M.options.sources_view
  if view ~= 'quickfix' and view ~= 'float' then
    notify(("unknown view %q: 'quickfix' or 'float'"):format(view), vim.log.levels.ERROR)
    return
  end
  local bufnr = vim.api.nvim_get_current_buf()
  local client = M.client(bufnr)
  if not client then
    notify('this buffer has no corroborate server (is it a Markdown draft?)', vim.log.levels.WARN)
    return
  end
  local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
  client:exec_cmd({ title = 'Show sources', command = 'corroborate.showSources', arguments = { params } }, { bufnr = bufnr }, function(err, result)
    if err then
      notify(err.message or vim.inspect(err), vim.log.levels.ERROR)
    elseif result == nil or result == vim.NIL then
      notify('no sentence under the cursor', vim.log.levels.INFO)
    else
      require('corroborate.sources').show(result, view, client.offset_encoding)
    end
    if opts.on_done then
      opts.on_done(err, result)
    end
  end)
end

return M
