-- :checkhealth corroborate
local M = {}

local health = vim.health

--- `corroborate --version`, e.g. "corroborate 0.1.0"; nil and the reason if it fails.
local function version_of(binary)
  local ok, done = pcall(function()
    return vim.system({ binary, '--version' }, { text = true }):wait(5000)
  end)
  if not ok then
    return nil, tostring(done)
  end
  if done.code ~= 0 then
    return nil, ('exit code %d: %s'):format(done.code, vim.trim(done.stderr or ''))
  end
  return vim.trim(done.stdout or '')
end

local function check_binary(config)
  local cmd = config.cmd
  if type(cmd) == 'function' then
    health.info('`cmd` is a function: the binary cannot be checked')
    return
  end
  if type(cmd) ~= 'table' or type(cmd[1]) ~= 'string' then
    health.error('`cmd` is not a command: ' .. vim.inspect(cmd))
    return
  end
  local path = vim.fn.exepath(cmd[1])
  if path == '' then
    health.error(('binary not found: %s'):format(cmd[1]), {
      'Install it: `cargo install --path .` in the corroborate repository (puts it in ~/.cargo/bin)',
      "Or name it: require('corroborate').setup({ binary = '/path/to/corroborate' })",
    })
    return
  end
  local version, why = version_of(path)
  if not version then
    health.error(('%s does not run: %s'):format(path, why))
    return
  end
  health.ok(('binary: %s (%s)'):format(path, version))
  health.info('command: ' .. table.concat(cmd, ' '))
end

function M.check()
  health.start('corroborate')
  if vim.fn.has('nvim-0.11') == 1 then
    local v = vim.version()
    health.ok(('Neovim %d.%d.%d'):format(v.major, v.minor, v.patch))
  else
    health.error('Neovim 0.11 or newer is needed (vim.lsp.config / vim.lsp.enable)')
    return
  end

  local ok, config = pcall(function()
    return vim.lsp.config.corroborate
  end)
  if not ok or type(config) ~= 'table' then
    health.error('no `corroborate` LSP config: is editors/nvim on the runtimepath (lsp/corroborate.lua)?')
    return
  end
  check_binary(config)

  local corroborate = require('corroborate')
  if vim.lsp.is_enabled('corroborate') then
    health.ok(('enabled for %s (%s)'):format(
      table.concat(config.filetypes or {}, ', '),
      corroborate.did_setup and "require('corroborate').setup()" or "vim.lsp.enable('corroborate')"
    ))
  else
    health.warn('not enabled', { "Call require('corroborate').setup({...}) or vim.lsp.enable('corroborate')" })
  end

  local settings = vim.tbl_get(config, 'settings', 'corroborate') or {}
  if settings.corpus then
    health.info('corpus (editor setting): ' .. vim.inspect(settings.corpus))
  else
    health.info('no `corpus` in the editor settings: each project needs a corroborate.toml naming it')
  end

  local clients = vim.lsp.get_clients({ name = 'corroborate' })
  if #clients == 0 then
    health.info('no corroborate server running (it starts when a Markdown draft is opened)')
  end
  for _, client in ipairs(clients) do
    local info = client.server_info or {}
    health.ok(('server running (client %d): %s %s, root %s, %d draft(s), positions %s'):format(
      client.id,
      info.name or '?',
      info.version or '?',
      client.root_dir or '(none: single file)',
      vim.tbl_count(client.attached_buffers),
      client.offset_encoding
    ))
  end
end

return M
