package com.liferay.portal.kernel.service

class ServiceContext {
}
